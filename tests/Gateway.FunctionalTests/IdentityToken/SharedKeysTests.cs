using System.Net;
using System.Text.Json;
using Gateway.FunctionalTests.Infrastructure;
using Gateway.FunctionalTests.Redis;
using Gateway.Testing;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Gateway.FunctionalTests.IdentityToken;

/// <summary>
/// Redis mode: two replicas on one real redis-server sign with the same keys and publish the same JWKS, and both
/// see a rotation made through either. The token is on by the gateway-wide default (<c>Gateway:IdentityToken:Enabled</c>).
/// </summary>
public sealed class SharedKeysTests : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private EchoUpstreamHost _upstream = null!;
    private GatewayHost _a = null!;
    private GatewayHost _b = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.LaunchAsync();
        _upstream = await EchoUpstreamHost.StartAsync();
        var mode = new RedisMode(_redis.Configuration, new Dictionary<string, string?> { ["Gateway:IdentityToken:Enabled"] = "true" });
        _a = await mode.StartReplicaAsync(_upstream.Url);
        _b = await mode.StartReplicaAsync(_upstream.Url);
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _upstream.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task TokenFromOneReplica_VerifiesWithTheOthersJwks_AndBothSeeARotation()
    {
        var account = await _a.CreateAccountAsync("shared-" + Guid.NewGuid().ToString("N")[..8]);
        var (_, bearer) = await _a.CreateBearerKeyAsync(account);
        Assert.Equal(await _a.Status.GetStringAsync("/.well-known/jwks.json"), await _b.Status.GetStringAsync("/.well-known/jwks.json"));

        var fromA = await JwksVerifier.ForwardedTokenAsync(_a.Proxy, "/echo/x", bearer);
        var result = await JwksVerifier.ValidateAsync(new Uri(_b.Status.BaseAddress!, "/.well-known/jwks.json"), fromA!, "urn:gateway", "echo");
        Assert.True(result.IsValid, result.Exception?.ToString());
        Assert.Equal(account, ((JsonWebToken)result.SecurityToken).Subject);

        var rotate = await _a.Admin.PostAsync("/v1/identity-token/keys/rotate", null);
        Assert.Equal(HttpStatusCode.OK, rotate.StatusCode);
        var active = JsonDocument.Parse(await rotate.Content.ReadAsStringAsync()).RootElement.GetProperty("keys").EnumerateArray()
            .Single(k => k.GetProperty("state").GetString() == "active").GetProperty("kid").GetString();

        // The rotation is announced over pub/sub; B re-reads the shared keys and signs with the new active key.
        string? fromB = null;
        for (var attempt = 0; attempt < 100 && (fromB is null || new JsonWebToken(fromB).Kid != active); attempt++)
        {
            fromB = await JwksVerifier.ForwardedTokenAsync(_b.Proxy, "/echo/y", bearer);
            if (new JsonWebToken(fromB).Kid != active)
            {
                await Task.Delay(100);
            }
        }

        Assert.Equal(active, new JsonWebToken(fromB).Kid);
        Assert.Equal(await _a.Status.GetStringAsync("/.well-known/jwks.json"), await _b.Status.GetStringAsync("/.well-known/jwks.json"));
        Assert.True((await JwksVerifier.ValidateAsync(new Uri(_a.Status.BaseAddress!, "/.well-known/jwks.json"), fromB!, "urn:gateway", "echo")).IsValid);
        Assert.True((await JwksVerifier.ValidateAsync(new Uri(_b.Status.BaseAddress!, "/.well-known/jwks.json"), fromA!, "urn:gateway", "echo")).IsValid);
    }
}
