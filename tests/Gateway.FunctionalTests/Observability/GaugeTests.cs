using Gateway.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.FunctionalTests.Observability;

/// <summary>The active accounts and keys gauges, refreshed in the background.</summary>
public sealed class GaugeTests : IAsyncLifetime
{
    private EchoUpstreamHost _upstream = null!;

    public async Task InitializeAsync() => _upstream = await EchoUpstreamHost.StartAsync();

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    [Fact]
    public async Task Gauges_CountActiveAccountsAndKeys_AfterTheNextRefresh()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var gateway = await GatewayHost.StartAsync(_upstream.Url, configure: b => b.Services.AddSingleton<TimeProvider>(clock));

        // The first refresh runs at start: the bootstrap admin and its key.
        Assert.True(await EventuallyAsync(gateway, 1, 1), "initial gauges");

        var active = await gateway.CreateAccountAsync("gauge-active");
        await gateway.CreateBearerKeyAsync(active);
        var (revoked, _) = await gateway.CreateBearerKeyAsync(active);
        await gateway.Admin.DeleteAsync($"/v1/service-accounts/{active}/keys/{revoked}");
        var disabled = await gateway.CreateAccountAsync("gauge-disabled");
        await gateway.Admin.PatchAsync($"/v1/service-accounts/{disabled}",
            new StringContent("{\"status\":\"disabled\"}", System.Text.Encoding.UTF8, "application/json"));
        await gateway.CreateBearerKeyAsync(active, clock.GetUtcNow().AddSeconds(10));

        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.True(await EventuallyAsync(gateway, 2, 2), "gauges after refresh: 2 active accounts; 2 live keys (bootstrap + one; one revoked, one expired)");
    }

    private static async Task<bool> EventuallyAsync(GatewayHost gateway, double accounts, double keys)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var scrape = await PrometheusScrape.ReadAsync(gateway.Status);
            if (scrape.Value("gateway_active_accounts") == accounts && scrape.Value("gateway_active_keys") == keys)
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }
}
