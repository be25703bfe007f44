using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.FunctionalTests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Gateway.FunctionalTests.IdentityToken;

/// <summary>
/// The forwarded <c>X-Gateway-Identity</c> through a real gateway to a real upstream, verified the way an upstream
/// would: with an independent JOSE library and keys fetched from the status listener's JWKS URL only.
/// </summary>
public sealed class IdentityTokenTests(IdentityTokenFixture fixture) : IClassFixture<IdentityTokenFixture>
{
    private GatewayHost Gateway => fixture.Gateway;

    [Fact]
    public async Task ForwardedToken_VerifiesWithTheJwksAlone_AndCarriesTheIdentity()
    {
        var account = await Gateway.CreateAccountAsync("idt-" + Guid.NewGuid().ToString("N")[..8], project: "payments");
        var (keyId, token) = await Gateway.CreateBearerKeyAsync(account);

        var forwarded = await JwksVerifier.ForwardedTokenAsync(Gateway.Proxy, "/id/orders", token);

        Assert.NotNull(forwarded);
        var result = await JwksVerifier.ValidateAsync(fixture.JwksUrl, forwarded, IdentityTokenFixture.PublicUrl, "echo");
        Assert.True(result.IsValid, result.Exception?.ToString());
        var jwt = (JsonWebToken)result.SecurityToken;
        Assert.Equal("ES256", jwt.Alg);
        Assert.Equal("JWT", jwt.Typ);
        Assert.StartsWith("gik_", jwt.Kid, StringComparison.Ordinal);
        Assert.Equal(account, jwt.Subject);
        Assert.Equal("acme", jwt.GetClaim("org").Value);
        Assert.Equal("payments", jwt.GetClaim("project").Value);
        Assert.Equal(keyId, jwt.GetClaim("key_id").Value);
        Assert.Equal("api-key", jwt.GetClaim("auth_scheme").Value);
        Assert.Equal("service_account", jwt.GetClaim("principal_type").Value);
        Assert.StartsWith("idt-", jwt.GetClaim("principal_name").Value, StringComparison.Ordinal);
        Assert.NotEmpty(jwt.GetPayloadValue<string[]>("scopes"));
        Assert.Equal(300, (jwt.ValidTo - jwt.IssuedAt).TotalSeconds);
        Assert.False(string.IsNullOrEmpty(jwt.Id));
    }

    [Fact]
    public async Task RouteAudience_IsTheTokensAud_AndAnotherAudienceIsRefused()
    {
        var (_, _, token) = await Gateway.CreateCallerAsync("aud-" + Guid.NewGuid().ToString("N")[..8]);

        var forwarded = await JwksVerifier.ForwardedTokenAsync(Gateway.Proxy, "/aud/invoices", token);

        Assert.NotNull(forwarded);
        Assert.True((await JwksVerifier.ValidateAsync(fixture.JwksUrl, forwarded, IdentityTokenFixture.PublicUrl, "billing-api")).IsValid);
        Assert.False((await JwksVerifier.ValidateAsync(fixture.JwksUrl, forwarded, IdentityTokenFixture.PublicUrl, "echo")).IsValid);
    }

    [Fact]
    public async Task RepeatedRequests_ReuseTheCachedToken_PerAudience()
    {
        var (_, _, token) = await Gateway.CreateCallerAsync("cache-" + Guid.NewGuid().ToString("N")[..8]);
        // A credential's first authentication keeps nothing (its identity, hence its token, is used once:
        // docs/PERFORMANCE.md, "the credential cache under a wide key stream"); from the second on they are shared.
        await JwksVerifier.ForwardedTokenAsync(Gateway.Proxy, "/id/a", token);

        var first = await JwksVerifier.ForwardedTokenAsync(Gateway.Proxy, "/id/a", token);
        var second = await JwksVerifier.ForwardedTokenAsync(Gateway.Proxy, "/id/b", token);
        var other = await JwksVerifier.ForwardedTokenAsync(Gateway.Proxy, "/aud/c", token);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task SpoofedIdentityHeader_NeverReachesTheUpstream()
    {
        const string spoof = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJzYV9hZG1pbiJ9.";
        var (_, _, token) = await Gateway.CreateCallerAsync("spoof-" + Guid.NewGuid().ToString("N")[..8]);

        foreach (var name in new[] { "X-Gateway-Identity", "x-gateway-identity", "X_Gateway_Identity" })
        {
            void Spoof(HttpRequestMessage request) => request.Headers.TryAddWithoutValidation(name, spoof);
            var authenticated = await SentHeadersAsync("/id/s", token, Spoof);
            var plain = await SentHeadersAsync("/plain/s", token, Spoof);
            var anonymous = await SentHeadersAsync("/anon-id/s", null, Spoof);

            Assert.DoesNotContain(authenticated, h => h.Value.Contains(spoof));
            Assert.Single(authenticated, h => string.Equals(h.Key, "X-Gateway-Identity", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(plain, h => h.Key.Replace('_', '-').Equals("X-Gateway-Identity", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(anonymous, h => h.Key.Replace('_', '-').Equals("X-Gateway-Identity", StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task AnonymousCaller_OnATokenRoute_GetsNoToken_AndRoutesWithoutMetadataNeither()
    {
        var (_, _, token) = await Gateway.CreateCallerAsync("none-" + Guid.NewGuid().ToString("N")[..8]);

        Assert.Null(await JwksVerifier.ForwardedTokenAsync(Gateway.Proxy, "/anon-id/x", null));
        Assert.Null(await JwksVerifier.ForwardedTokenAsync(Gateway.Proxy, "/plain/x", token));
    }

    [Fact]
    public async Task Jwks_AndDiscovery_AreCacheable_AndDiscoveryLeadsToTheKeys()
    {
        var jwksResponse = await Gateway.Status.GetAsync("/.well-known/jwks.json");
        var discoveryResponse = await Gateway.Status.GetAsync("/.well-known/openid-configuration");

        Assert.Equal(HttpStatusCode.OK, jwksResponse.StatusCode);
        Assert.Equal("public, max-age=300", jwksResponse.Headers.CacheControl?.ToString());
        Assert.Equal("public, max-age=300", discoveryResponse.Headers.CacheControl?.ToString());
        var keys = JsonDocument.Parse(await jwksResponse.Content.ReadAsStringAsync()).RootElement.GetProperty("keys").EnumerateArray().ToArray();
        Assert.Equal(2, keys.Length);
        Assert.All(keys, k =>
        {
            Assert.Equal("EC", k.GetProperty("kty").GetString());
            Assert.Equal("P-256", k.GetProperty("crv").GetString());
            Assert.False(k.TryGetProperty("d", out _), "the JWKS must never carry a private key");
        });
        var discovery = JsonDocument.Parse(await discoveryResponse.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(IdentityTokenFixture.PublicUrl, discovery.GetProperty("issuer").GetString());
        Assert.Equal("ES256", discovery.GetProperty("id_token_signing_alg_values_supported")[0].GetString());
        var jwksUri = new Uri(discovery.GetProperty("jwks_uri").GetString()!);
        Assert.Equal(fixture.JwksUrl, jwksUri);
        Assert.NotEqual(HttpStatusCode.OK, (await Gateway.Proxy.GetAsync("/.well-known/jwks.json")).StatusCode);
    }

    [Fact]
    public async Task KeyFile_IsPrivate_AndHoldsNoPlainPrivateKey()
    {
        var path = Path.Combine(Gateway.DataDirectory, "identity-token-keys.json");

        Assert.True(File.Exists(path));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        var text = await File.ReadAllTextAsync(path);
        Assert.DoesNotContain("PRIVATE KEY", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"d\"", text, StringComparison.Ordinal);
        Assert.Contains("sealedPrivateKey", text, StringComparison.Ordinal);
    }

    private async Task<Dictionary<string, string[]>> SentHeadersAsync(string path, string? bearer, Action<HttpRequestMessage> extra)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (bearer is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        }

        extra(request);
        var echo = await Echo.ReadAsync(await Gateway.Proxy.SendAsync(request));
        return echo.Headers.ToDictionary(h => h.Key, h => h.Value);
    }
}
