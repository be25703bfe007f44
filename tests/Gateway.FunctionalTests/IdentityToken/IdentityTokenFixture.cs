using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.IdentityToken;

/// <summary>An echo upstream and a gateway with the identity-token routes and a public URL (the default issuer).</summary>
public sealed class IdentityTokenFixture : IAsyncLifetime
{
    public const string PublicUrl = "https://gateway.example.test";

    public EchoUpstreamHost Upstream { get; private set; } = null!;

    public GatewayHost Gateway { get; private set; } = null!;

    public Uri JwksUrl => new(Gateway.Status.BaseAddress!, "/.well-known/jwks.json");

    public async Task InitializeAsync()
    {
        Upstream = await EchoUpstreamHost.StartAsync();
        Gateway = await GatewayHost.StartAsync(Upstream.Url, new Dictionary<string, string?> { ["Gateway:PublicUrl"] = PublicUrl + "/" },
            routesJson: IdentityTokenRoutes.Json(Upstream.Url));
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Upstream.DisposeAsync();
    }
}
