using System.Net;
using System.Net.Sockets;
using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.Forwarding;

/// <summary>
/// YARP's passive health checks still work behind the gateway's gate: a cluster that enables them stops sending to a
/// destination that keeps failing (connection refused) once the failure rate is established, while an identical
/// cluster without them keeps choosing it. Both clusters pick destinations in name order, the dead one first.
/// </summary>
public sealed class PassiveHealthCheckTests : IAsyncLifetime
{
    private EchoUpstreamHost _upstream = null!;
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync()
    {
        _upstream = await EchoUpstreamHost.StartAsync();
        var dead = new Uri($"http://127.0.0.1:{UnusedPort()}/");
        string Cluster(bool passive) => $$"""
            { "LoadBalancingPolicy": "FirstAlphabetical",
              "HealthCheck": { "Passive": { "Enabled": {{(passive ? "true" : "false")}}, "ReactivationPeriod": "00:05:00" } },
              "Destinations": { "a-dead": { "Address": "{{dead}}" }, "b-live": { "Address": "{{_upstream.Url}}" } } }
            """;
        _gateway = await GatewayHost.StartAsync(_upstream.Url, routesJson: $$"""
            {
              "ReverseProxy": {
                "Routes": {
                  "passive": { "ClusterId": "passive", "AuthorizationPolicy": "Anonymous", "Match": { "Path": "/passive/{**rest}" } },
                  "plain": { "ClusterId": "plain", "AuthorizationPolicy": "Anonymous", "Match": { "Path": "/plain/{**rest}" } }
                },
                "Clusters": { "passive": {{Cluster(true)}}, "plain": {{Cluster(false)}} }
              }
            }
            """);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    [Fact]
    public async Task ClusterWithPassiveChecks_StopsUsingAFailingDestination_OneWithoutKeepsIt()
    {
        var passive = await StatusesAsync("/passive/x");
        var plain = await StatusesAsync("/plain/x");

        Assert.Equal(HttpStatusCode.BadGateway, passive[0]);
        Assert.Equal(HttpStatusCode.OK, passive[^1]);
        Assert.All(plain, status => Assert.Equal(HttpStatusCode.BadGateway, status));
    }

    // YARP's default policy (TransportFailureRate) judges a destination once it has seen 10 requests.
    private async Task<List<HttpStatusCode>> StatusesAsync(string path)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            using var response = await _gateway.Proxy.GetAsync(path);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
