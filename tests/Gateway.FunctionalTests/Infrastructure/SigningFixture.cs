namespace Gateway.FunctionalTests.Infrastructure;

/// <summary>
/// One echo upstream and one gateway for signed-request tests: in-process nonces, and a small
/// <c>Gateway:Signing:MaxBodyBytes</c> (<see cref="MaxBodyBytes"/>) so the 413 path is cheap to reach.
/// </summary>
public sealed class SigningFixture : IAsyncLifetime
{
    public const int MaxBodyBytes = 1024;

    public EchoUpstreamHost Upstream { get; private set; } = null!;

    public GatewayHost Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Upstream = await EchoUpstreamHost.StartAsync();
        Gateway = await GatewayHost.StartAsync(Upstream.Url, new Dictionary<string, string?>
        {
            ["Gateway:Signing:MaxBodyBytes"] = MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Upstream.DisposeAsync();
    }
}
