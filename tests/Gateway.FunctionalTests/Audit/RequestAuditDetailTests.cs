using System.Net;
using System.Text.Json;
using Gateway.Audit;
using Gateway.Audit.Sqlite;
using Gateway.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.FunctionalTests.Audit;

/// <summary>
/// <c>Gateway:Audit:RequestDetail</c>: which proxied requests get an event, while per-key usage (requests, denied,
/// per minute) and <c>lastUsedAt</c> are kept in every mode, written with the events in one flush.
/// </summary>
public sealed class RequestAuditDetailTests : IAsyncLifetime
{
    private EchoUpstreamHost _upstream = null!;

    public async Task InitializeAsync() => _upstream = await EchoUpstreamHost.StartAsync();

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    private string Routes() => TestRoutes.Json(_upstream.Url).Replace(
        "\"public\":",
        "\"scoped\": { \"ClusterId\": \"echo\", \"Match\": { \"Path\": \"/scoped/{**rest}\" }, \"Metadata\": { \"Gateway.RequiredScopes\": \"nobody-has:this\" } },\n\"public\":",
        StringComparison.Ordinal);

    private static async Task<HttpStatusCode> CallAsync(GatewayHost gateway, string token, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        using var response = await gateway.Proxy.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>Three allowed requests and one denied (403), then the key's usage as stored, once all four are counted.</summary>
    private async Task<(GatewayHost Gateway, string Account, string KeyId)> TrafficAsync(string detail)
    {
        var gateway = await GatewayHost.StartAsync(_upstream.Url,
            new Dictionary<string, string?> { ["Gateway:Audit:RequestDetail"] = detail, ["Gateway:Audit:Linger"] = "00:00:00.050" },
            routesJson: Routes());
        var (account, keyId, token) = await gateway.CreateCallerAsync("usage-" + detail.ToLowerInvariant());
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await CallAsync(gateway, token, "/echo/u"));
        }

        Assert.Equal(HttpStatusCode.Forbidden, await CallAsync(gateway, token, "/scoped/u"));

        var store = (SqliteAuditStore)gateway.Services.GetRequiredService<IAuditStore>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await store.GetKeyUsageAsync(keyId, DateTimeOffset.UtcNow.AddHours(-1), CancellationToken.None)).Sum(r => r.Requests) < 4
               && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        var usage = await store.GetKeyUsageAsync(keyId, DateTimeOffset.UtcNow.AddHours(-1), CancellationToken.None);
        Assert.Equal(4, usage.Sum(r => r.Requests));
        Assert.Equal(1, usage.Sum(r => r.Denied));
        var key = JsonDocument.Parse(await gateway.Admin.GetStringAsync($"/v1/service-accounts/{account}/keys")).RootElement
            .GetProperty("items").EnumerateArray().Single(k => k.GetProperty("id").GetString() == keyId);
        Assert.Equal(JsonValueKind.String, key.GetProperty("lastUsedAt").ValueKind);
        return (gateway, account, keyId);
    }

    /// <summary>
    /// The statuses of the account's request events, once there are <paramref name="expected"/> of them (or after 15 s):
    /// a request's usage is counted just before its event is queued, so a flush between the two may hold the usage the
    /// traffic waited for and not yet the last event.
    /// </summary>
    private static async Task<string[]> AuditedStatusesAsync(GatewayHost gateway, string account, int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var page = JsonDocument.Parse(await gateway.Admin.GetStringAsync($"/v1/audit?principalId={account}&action=proxy.request&limit=100")).RootElement;
            var statuses = page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("status").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture)).Order().ToArray();
            if (statuses.Length >= expected || DateTime.UtcNow > deadline)
            {
                return statuses;
            }

            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task All_EveryRequestHasAnEvent()
    {
        var (gateway, account, _) = await TrafficAsync("All");
        await using (gateway)
        {
            Assert.Equal(["200", "200", "200", "403"], await AuditedStatusesAsync(gateway, account, 4));
        }
    }

    [Fact]
    public async Task Denied_OnlyTheRefusedRequestHasAnEvent()
    {
        var (gateway, account, _) = await TrafficAsync("Denied");
        await using (gateway)
        {
            Assert.Equal(["403"], await AuditedStatusesAsync(gateway, account, 1));
        }
    }

    [Fact]
    public async Task None_NoRequestEvents_UsageAndLastUsedStillKept()
    {
        var (gateway, account, _) = await TrafficAsync("None");
        await using (gateway)
        {
            Assert.Empty(await AuditedStatusesAsync(gateway, account, 0));
        }
    }
}
