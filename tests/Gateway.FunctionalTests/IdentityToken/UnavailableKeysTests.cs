using System.Net;
using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.IdentityToken;

/// <summary>
/// Keys that cannot be loaded (a damaged key file, or one sealed under a master key no longer configured): token
/// routes answer 503 instead of forwarding without a token, other routes keep working, and the file is left alone.
/// </summary>
public sealed class UnavailableKeysTests
{
    [Fact]
    public async Task DamagedKeyFile_Is503OnTokenRoutes_NeverAnUnsignedForward()
    {
        await using var upstream = await EchoUpstreamHost.StartAsync();
        await using var gateway = await GatewayHost.StartAsync(upstream.Url, routesJson: IdentityTokenRoutes.Json(upstream.Url));
        var (_, _, bearer) = await gateway.CreateCallerAsync("unavail-" + Guid.NewGuid().ToString("N")[..8]);
        await gateway.StopAsync();
        var path = Path.Combine(gateway.DataDirectory, "identity-token-keys.json");
        const string damaged = """{"format":1,"version":1,"keys":[{"kid":"gik_x","state":"active","createdAt":0,"sealedPrivateKey":"AQJ4eHh4"}]}""";
        await File.WriteAllTextAsync(path, damaged);
        await gateway.RestartAsync();

        using var request = new HttpRequestMessage(HttpMethod.Get, "/id/x");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        await ProblemAssert.HasCodeAsync(await gateway.Proxy.SendAsync(request), HttpStatusCode.ServiceUnavailable, "auth_unavailable");
        Assert.Null(await JwksVerifier.ForwardedTokenAsync(gateway.Proxy, "/plain/x", bearer));
        await ProblemAssert.HasCodeAsync(await gateway.Status.GetAsync("/.well-known/jwks.json"), HttpStatusCode.ServiceUnavailable, "auth_unavailable");
        Assert.Equal(damaged, await File.ReadAllTextAsync(path));
        Assert.Contains("Could not load the identity-token signing keys", gateway.Logs.All, StringComparison.Ordinal);
    }
}
