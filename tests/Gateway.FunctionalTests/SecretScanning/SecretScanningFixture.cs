using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.SecretScanning;

/// <summary>An echo upstream, the GitHub stand-in, and an embedded gateway that fetches its keys from the stand-in.</summary>
public sealed class SecretScanningFixture : IAsyncLifetime
{
    public const int MaxBodyBytes = 400_000;

    public EchoUpstreamHost Upstream { get; private set; } = null!;

    public GitHubStandIn GitHub { get; private set; } = null!;

    public GatewayHost Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Upstream = await EchoUpstreamHost.StartAsync();
        GitHub = await GitHubStandIn.StartAsync();
        Gateway = await GatewayHost.StartAsync(Upstream.Url, new Dictionary<string, string?>
        {
            ["Gateway:SecretScanning:Enabled"] = "true",
            ["Gateway:SecretScanning:PublicKeysUrl"] = GitHub.KeysUrl.ToString(),
            ["Gateway:SecretScanning:MinRefreshInterval"] = "00:00:00",
            ["Gateway:SecretScanning:MaxBodyBytes"] = MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Gateway:SecretScanning:RateLimitPermits"] = "10000",
        });
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await GitHub.DisposeAsync();
        await Upstream.DisposeAsync();
    }
}
