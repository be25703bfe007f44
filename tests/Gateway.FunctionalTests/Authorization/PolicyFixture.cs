using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.Authorization;

/// <summary>An upstream and a gateway on <see cref="PolicyRoutes"/>.</summary>
public sealed class PolicyFixture : IAsyncLifetime
{
    public EchoUpstreamHost Upstream { get; private set; } = null!;

    public GatewayHost Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Upstream = await EchoUpstreamHost.StartAsync();
        Gateway = await GatewayHost.StartAsync(Upstream.Url, routesJson: PolicyRoutes.Json(Upstream.Url));
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Upstream.DisposeAsync();
    }
}
