using System.Net;
using Gateway.FunctionalTests.Infrastructure;
using Gateway.FunctionalTests.Security;
using Gateway.Testing;

namespace Gateway.FunctionalTests.Replay;

/// <summary>
/// The replay release with nonces in a real redis-server: the reservation is answered asynchronously, so the
/// signature authenticator waits around the rest of the pipeline and releases the reservation itself once the request
/// has passed the release stage (<c>ReplayReservation.ReleasedByAuthentication</c>). The answers are those of the
/// in-process store (<see cref="ReplayReleaseTests"/>): an idempotent SigV4 request whose upstream answered 503 is
/// released for its retry and refused once a retry succeeded; a non-idempotent one and an RFC 9421 one stay refused.
/// </summary>
public sealed class RedisReplayReleaseTests : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private FlakyUpstream _upstream = null!;
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.LaunchAsync();
        _upstream = await FlakyUpstream.StartAsync();
        _gateway = await GatewayHost.StartAsync(_upstream.Url, new Dictionary<string, string?>
        {
            ["Gateway:Redis:Configuration"] = _redis.Configuration,
        });
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _upstream.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Theory]
    [InlineData("GET", "sigv4", true)]
    [InlineData("PUT", "sigv4", true)]
    [InlineData("POST", "sigv4", false)]
    [InlineData("GET", "rfc9421", false)]
    public async Task SameBytesAfterUpstream503_AreReleasedOnlyWhenIdempotentSigV4_AndRefusedOnceARetrySucceeded(string method, string scheme, bool released)
    {
        var path = $"/echo/redis-release-{scheme}-{method}";
        var (keyId, secret) = await _gateway.CreateHmacKeyAsync(await _gateway.CreateAccountAsync($"redis-release-{scheme}-{method}".ToLowerInvariant()));
        var body = method == "GET" ? null : "{}"u8.ToArray();
        var signed = scheme == "sigv4"
            ? new SigV4RequestSigner(_gateway.Proxy.BaseAddress!, keyId, secret).Sign(method, path, body)
            : new Rfc9421RequestSigner(_gateway.Proxy.BaseAddress!, keyId, secret).Sign(method, path, body);

        using var first = await signed.SendAsync(_gateway.Proxy);
        using var retry = await signed.SendAsync(_gateway.Proxy);
        using var third = await signed.SendAsync(_gateway.Proxy);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        if (released)
        {
            Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        }
        else
        {
            await ProblemAssert.HasCodeAsync(retry, HttpStatusCode.Unauthorized, "replayed_request");
        }

        await ProblemAssert.HasCodeAsync(third, HttpStatusCode.Unauthorized, "replayed_request");
        Assert.Equal(released ? 2 : 1, _upstream.Hits(path));
    }
}
