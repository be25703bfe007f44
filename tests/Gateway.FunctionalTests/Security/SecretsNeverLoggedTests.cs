using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.Security;

/// <summary>
/// A real token misplaced everywhere a client might put it — query (<c>?access_token=</c>, <c>?api_key=</c>), path,
/// headers (custom, cookie, a valid <c>Authorization</c>) — at Debug level, then every sink searched: the process's
/// console output as JSON with scopes, /metrics, the audit trail, trace attributes and every answer the gateway
/// itself wrote. The secret part of the token appears in none.
/// </summary>
public sealed class SecretsNeverLoggedTests : ProcessWorkspace
{
    /// <summary>Sends the misplaced token everywhere; returns the bodies the gateway itself answered (not the echo's).</summary>
    private static async Task<string> MisplaceAsync(HttpClient proxy, HttpClient admin, string token)
    {
        var answers = new StringBuilder();
        async Task SendAsync(HttpClient client, string path, Action<HttpRequestMessage>? adjust = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            adjust?.Invoke(request);
            using var response = await client.SendAsync(request);
            if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
            {
                answers.Append(await response.Content.ReadAsStringAsync()).Append('\n');
            }
        }

        await SendAsync(proxy, $"/echo/x?access_token={token}");
        await SendAsync(proxy, $"/public/x?api_key={token}&page=2");
        await SendAsync(proxy, $"/echo/{token}");
        await SendAsync(proxy, $"/public/{token}/y");
        await SendAsync(proxy, "/echo/x", r =>
        {
            r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            r.Headers.TryAddWithoutValidation("X-Custom-Token", token);
            r.Headers.TryAddWithoutValidation("Cookie", "session=" + token);
        });
        await SendAsync(proxy, "/echo/x", r => r.Headers.TryAddWithoutValidation("X-API-Key", token + "x"));
        await SendAsync(proxy, "/echo/x", r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token[..^1] + "0"));
        await SendAsync(admin, $"/v1/service-accounts?cursor={token}");
        await SendAsync(admin, $"/v1/service-accounts/{token}");
        return answers.ToString();
    }

    private static void AssertAbsent(string secret, params (string What, string Text)[] sinks)
    {
        foreach (var (what, text) in sinks)
        {
            Assert.False(text.Contains(secret, StringComparison.Ordinal), $"the token's secret appears in {what}:\n{text}");
        }
    }

    [Fact]
    public async Task MisplacedTokens_AppearInNoLogLineScopeMetricAuditOrAnswer()
    {
        await using var gateway = await GatewayProcess.StartAsync(DataDirectory, RoutesFile, new Dictionary<string, string>
        {
            ["Logging:LogLevel:Default"] = "Debug",
            ["Logging:Console:FormatterName"] = "json",
            ["Logging:Console:FormatterOptions:IncludeScopes"] = "true",
        });
        gateway.AuthenticateAdmin(DataDirectory);
        var account = JsonDocument.Parse(await (await gateway.Admin.PostAsync("/v1/service-accounts",
            new StringContent("{\"name\":\"careless\",\"orgId\":\"acme\",\"roles\":[\"editor\"]}", Encoding.UTF8, "application/json")))
            .Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        var token = JsonDocument.Parse(await (await gateway.Admin.PostAsync($"/v1/service-accounts/{account}/keys",
            new StringContent("{\"kind\":\"bearer\"}", Encoding.UTF8, "application/json"))).Content.ReadAsStringAsync()).RootElement
            .GetProperty("token").GetString()!;

        var answers = await MisplaceAsync(gateway.Proxy, gateway.Admin, token);
        var audit = await gateway.Admin.GetStringAsync("/v1/audit?limit=1000");
        var metrics = await gateway.Status.GetStringAsync("/metrics");

        // The requests were logged (the test would prove nothing at a level that logs nothing) ...
        Assert.Contains("\"RequestPath\"", gateway.Output, StringComparison.Ordinal);
        Assert.Contains("/public/", gateway.Output, StringComparison.Ordinal);

        // ... and the secret (what follows gwk_ and the key id) is nowhere.
        AssertAbsent(token[21..], ("console output", gateway.Output), ("metrics", metrics), ("audit", audit), ("answers", answers));
    }

    [Fact]
    public async Task MisplacedTokens_AppearInNoTraceAttribute()
    {
        using var recorded = new RecordedActivities();
        // Spans are recorded only when they are exported; nothing listens on the discard port, export fails in the background.
        await using var gateway = await GatewayHost.StartAsync(Upstream.Url, new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9",
        });
        var (_, _, token) = await gateway.CreateCallerAsync("careless-traced");

        await MisplaceAsync(gateway.Proxy, gateway.Admin, token);
        // The gateway's spans; the test's own HttpClient spans (client spans without a parent) are not the gateway's.
        var spans = recorded.Stopped.Where(a => !(a.Kind == ActivityKind.Client && a.Parent is null)).ToArray();
        var tags = string.Join('\n', spans.SelectMany(a => a.TagObjects.Select(t => $"{a.OperationName} {t.Key}={t.Value}"))
            .Concat(spans.Select(a => a.DisplayName)));
        Assert.Contains("url.path", tags, StringComparison.Ordinal);
        Assert.Contains("url.full", tags, StringComparison.Ordinal);
        AssertAbsent(token[21..], ("trace attributes", tags), ("in-process logs", gateway.Logs.All));
    }
}
