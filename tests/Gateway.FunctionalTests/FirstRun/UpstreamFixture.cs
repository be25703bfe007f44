using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.FirstRun;

/// <summary>One echo upstream for the tests of a class that start gateways of their own.</summary>
public sealed class UpstreamFixture : IAsyncLifetime
{
    public EchoUpstreamHost Upstream { get; private set; } = null!;

    public Uri Url => Upstream.Url;

    public async Task InitializeAsync() => Upstream = await EchoUpstreamHost.StartAsync();

    public async Task DisposeAsync() => await Upstream.DisposeAsync();
}
