namespace Gateway.FunctionalTests.Infrastructure;

/// <summary>One echo upstream and one gateway shared by the tests of a class (each test creates its own accounts).</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public EchoUpstreamHost Upstream { get; private set; } = null!;

    public GatewayHost Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Upstream = await EchoUpstreamHost.StartAsync();
        Gateway = await GatewayHost.StartAsync(Upstream.Url);
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Upstream.DisposeAsync();
    }
}
