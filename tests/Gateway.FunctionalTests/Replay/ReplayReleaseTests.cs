using System.Net;
using Gateway.FunctionalTests.Infrastructure;
using Gateway.FunctionalTests.Security;

namespace Gateway.FunctionalTests.Replay;

/// <summary>
/// The replay-release stage decides before the rest of the pipeline runs whether a request carries a releasable
/// reservation (in-process nonces, so authentication records it): an idempotent SigV4 request whose upstream answered
/// 503 is still released for its retry; a non-idempotent one and an RFC 9421 one stay refused; requests without a
/// reservation (bearer, anonymous) get the upstream's 503 unchanged and take nothing of the stage.
/// </summary>
public sealed class ReplayReleaseTests : IAsyncLifetime
{
    private FlakyUpstream _upstream = null!;
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync()
    {
        _upstream = await FlakyUpstream.StartAsync();
        _gateway = await GatewayHost.StartAsync(_upstream.Url);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    [Fact]
    public async Task SigV4_IdempotentRetryAfterUpstream503_IsReleasedAndAccepted()
    {
        var (keyId, secret) = await _gateway.CreateHmacKeyAsync(await _gateway.CreateAccountAsync("release-sigv4-get"));
        var signed = new SigV4RequestSigner(_gateway.Proxy.BaseAddress!, keyId, secret).Sign("GET", "/echo/release-get");

        using var first = await signed.SendAsync(_gateway.Proxy);
        using var retry = await signed.SendAsync(_gateway.Proxy);
        using var third = await signed.SendAsync(_gateway.Proxy);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        await ProblemAssert.HasCodeAsync(third, HttpStatusCode.Unauthorized, "replayed_request");
        Assert.Equal(2, _upstream.Hits("/echo/release-get"));
    }

    [Theory]
    [InlineData("sigv4", "POST")] // not idempotent
    [InlineData("rfc9421", "GET")] // clients sign each attempt afresh: nothing is released
    public async Task UnreleasableReservation_SameBytesAfterUpstream503_StayRefused(string scheme, string method)
    {
        var path = $"/echo/release-{scheme}-{method}";
        var (keyId, secret) = await _gateway.CreateHmacKeyAsync(await _gateway.CreateAccountAsync($"release-{scheme}-{method}".ToLowerInvariant()));
        var body = method == "POST" ? "{}"u8.ToArray() : null;
        var signed = scheme == "sigv4"
            ? new SigV4RequestSigner(_gateway.Proxy.BaseAddress!, keyId, secret).Sign(method, path, body)
            : new Rfc9421RequestSigner(_gateway.Proxy.BaseAddress!, keyId, secret).Sign(method, path, body);

        using var first = await signed.SendAsync(_gateway.Proxy);
        using var retry = await signed.SendAsync(_gateway.Proxy);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        await ProblemAssert.HasCodeAsync(retry, HttpStatusCode.Unauthorized, "replayed_request");
        Assert.Equal(1, _upstream.Hits(path));
    }

    [Fact]
    public async Task RequestsWithoutReservation_GetTheUpstreamAnswerUnchanged()
    {
        var (_, token) = await _gateway.CreateBearerKeyAsync(await _gateway.CreateAccountAsync("release-bearer"));
        using var bearer = new HttpRequestMessage(HttpMethod.Get, "/echo/release-bearer");
        bearer.Headers.Authorization = new("Bearer", token);

        using var first = await _gateway.Proxy.SendAsync(bearer);
        using var anonymous = await _gateway.Proxy.GetAsync("/public/release-anonymous");
        using var anonymousAgain = await _gateway.Proxy.GetAsync("/public/release-anonymous");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, anonymousAgain.StatusCode);
    }
}
