using System.Net;
using Gateway.FunctionalTests.Infrastructure;
using Gateway.FunctionalTests.RateLimiting;
using Gateway.FunctionalTests.Redis;
using Gateway.FunctionalTests.Security;
using Gateway.Testing;

namespace Gateway.FunctionalTests.Signing;

/// <summary>
/// Redis mode on a rate-limited route, where the nonce reservation is deferred into the rate limiter's script: whether
/// an idempotent request that got no upstream answer is released for its retry follows the scheme's own declaration
/// (<c>ReleasesReplayOnRetry</c>): the very same SigV4 bytes are accepted again, the very same RFC 9421 bytes are not.
/// </summary>
public sealed class DeferredReplayReleaseTests : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private FlakyUpstream _upstream = null!;
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.LaunchAsync();
        _upstream = await FlakyUpstream.StartAsync();
        _gateway = await RateLimitReplicaFixture.StartAsync(new RedisMode(_redis.Configuration), _upstream.Url);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _upstream.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task SigV4_IdempotentRetryAfterUpstream503_IsAccepted()
    {
        var (keyId, secret) = await _gateway.CreateHmacKeyAsync(await _gateway.CreateAccountAsync("deferred-sigv4"));
        var signed = new SigV4RequestSigner(_gateway.Proxy.BaseAddress!, keyId, secret).Sign("GET", "/ceiling/sigv4");

        using var first = await signed.SendAsync(_gateway.Proxy);
        using var retry = await signed.SendAsync(_gateway.Proxy);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(2, _upstream.Hits("/ceiling/sigv4"));
    }

    [Fact]
    public async Task Rfc9421_SameBytesAfterUpstream503_StayRefusedAsAReplay()
    {
        var (keyId, secret) = await _gateway.CreateHmacKeyAsync(await _gateway.CreateAccountAsync("deferred-rfc9421"));
        var signed = new Rfc9421RequestSigner(_gateway.Proxy.BaseAddress!, keyId, secret).Sign("GET", "/ceiling/rfc9421");

        using var first = await signed.SendAsync(_gateway.Proxy);
        using var retry = await signed.SendAsync(_gateway.Proxy);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        await ProblemAssert.HasCodeAsync(retry, HttpStatusCode.Unauthorized, "replayed_request");
        Assert.Equal(1, _upstream.Hits("/ceiling/rfc9421"));
    }
}
