using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.RateLimiting;

/// <summary>
/// The refusal counts still waiting for their summary interval when the gateway stops are audited by that stop: the
/// summary flushes into the audit writer before the writer drains (hosted services stop in reverse order of
/// registration), so a restart finds them.
/// </summary>
public sealed class RateLimitAuditShutdownTests : IAsyncLifetime
{
    private EchoUpstreamHost _upstream = null!;
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync()
    {
        _upstream = await EchoUpstreamHost.StartAsync();
        // The longest interval allowed: no timer flush happens during the test, only the one at the stop.
        _gateway = await GatewayHost.StartAsync(_upstream.Url,
            new Dictionary<string, string?> { ["Gateway:RateLimiting:AuditInterval"] = "01:00:00" },
            routesJson: RateLimitRoutes.Json(_upstream.Url));
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    [Fact]
    public async Task RefusalsCountedBeforeAGracefulStop_AreAuditedByTheStop()
    {
        var created = await _gateway.Admin.PostAsJsonAsync("/v1/service-accounts",
            new { name = "limits-shutdown", orgId = "acme", roles = new[] { "editor" }, rateLimit = new { requestsPerMinute = 1 } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var key = await _gateway.Admin.PostAsJsonAsync($"/v1/service-accounts/{id}/keys", new { description = "ci" });
        var token = (await key.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/echo/embedded");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await _gateway.Proxy.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Empty(await SummariesAsync(id));

        await _gateway.RestartAsync();

        var summary = Assert.Single(await SummariesAsync(id));
        Assert.Equal("rate_limited=3 quota_exceeded=0", summary.GetProperty("target").GetString());
        Assert.Equal(429, summary.GetProperty("status").GetInt32());
    }

    private async Task<JsonElement[]> SummariesAsync(string accountId)
    {
        using var response = await _gateway.Admin.GetAsync($"/v1/audit?principalId={accountId}&action=ratelimit.exceeded");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray()];
    }
}
