using System.Net;
using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.FirstRun;

/// <summary>A routes file that stops parsing on reload: logged as an error, counted, and the last good routes stay live.</summary>
public sealed class RoutesReloadTests(UpstreamFixture upstream) : IClassFixture<UpstreamFixture>
{
    [Fact]
    public async Task InvalidJsonOnReload_IsLoggedAndCounted_AndTheOldRoutesStay()
    {
        await using var gateway = await GatewayHost.StartAsync(upstream.Url);
        var before = await PrometheusScrape.ReadAsync(gateway.Status);
        Assert.Equal(0, before.Samples["gateway_routes_reload_failures_total"]);

        await File.WriteAllTextAsync(gateway.RoutesFile, "{ \"ReverseProxy\": { \"Routes\": ");

        var deadline = DateTime.UtcNow.AddSeconds(20);
        var failures = 0.0;
        while (DateTime.UtcNow < deadline
               && (failures = (await PrometheusScrape.ReadAsync(gateway.Status)).Samples["gateway_routes_reload_failures_total"]) < 1)
        {
            await Task.Delay(100);
        }

        Assert.True(failures >= 1, "gateway_routes_reload_failures_total did not count the invalid routes file");
        Assert.Contains("Error Gateway.Configuration.RoutesFileWatcher: The routes file", gateway.Logs.All);
        Assert.Contains(gateway.RoutesFile, gateway.Logs.All);
        Assert.Equal(HttpStatusCode.OK, (await gateway.Proxy.GetAsync("/public/still-here")).StatusCode);
    }
}
