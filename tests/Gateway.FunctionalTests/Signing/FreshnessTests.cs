using System.Net;
using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.Signing;

/// <summary>
/// Signing-time freshness on a gateway with a fake clock: <c>created</c> and <c>X-Amz-Date</c> are accepted up to
/// exactly <c>Gateway:Signing:ClockSkew</c> (default 5 minutes) either way and <c>signature_expired</c> one second
/// beyond; <c>expires</c> is honoured; and a nonce stays reserved for as long as its request is fresh.
/// </summary>
public sealed class FreshnessTests(FakeClockFixture fixture) : IClassFixture<FakeClockFixture>
{
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);

    private GatewayHost Gateway => fixture.Gateway;

    private DateTimeOffset Now => fixture.Clock.GetUtcNow();

    private async Task<(Rfc9421RequestSigner Rfc9421, SigV4RequestSigner SigV4)> NewSignersAsync(string name)
    {
        var (_, keyId, secret) = await Gateway.CreateHmacCallerAsync(name + "-" + Guid.NewGuid().ToString("N")[..8]);
        var address = Gateway.Proxy.BaseAddress!;
        return (new Rfc9421RequestSigner(address, keyId, secret, fixture.Clock), new SigV4RequestSigner(address, keyId, secret, fixture.Clock));
    }

    [Theory]
    [InlineData(-300)]
    [InlineData(300)]
    [InlineData(0)]
    public async Task Rfc9421_CreatedWithinTheSkew_IsAccepted(int offsetSeconds)
    {
        var (signer, _) = await NewSignersAsync("fresh-rfc");
        var request = signer.Sign("GET", "/echo/x", adjust: p => p with { Created = Now.AddSeconds(offsetSeconds) });
        Assert.Equal(HttpStatusCode.OK, (await request.SendAsync(Gateway.Proxy)).StatusCode);
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    [InlineData(-86_400)]
    [InlineData(86_400)]
    public async Task Rfc9421_CreatedOutsideTheSkew_Is401SignatureExpired(int offsetSeconds)
    {
        var (signer, _) = await NewSignersAsync("stale-rfc");
        var request = signer.Sign("GET", "/echo/x", adjust: p => p with { Created = Now.AddSeconds(offsetSeconds) });
        await ProblemAssert.HasCodeAsync(await request.SendAsync(Gateway.Proxy), HttpStatusCode.Unauthorized, "signature_expired");
    }

    [Fact]
    public async Task Rfc9421_CreatedOfTheEpoch_Is401SignatureExpired()
    {
        var (signer, _) = await NewSignersAsync("epoch-rfc");
        var request = Rfc9421RequestSigner.WithSignatureParameter(signer.Sign("GET", "/echo/x"), "created", "0");
        await ProblemAssert.HasCodeAsync(await request.SendAsync(Gateway.Proxy), HttpStatusCode.Unauthorized, "signature_expired");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(-60)]
    public async Task Rfc9421_ExpiresReached_Is401SignatureExpired(int offsetSeconds)
    {
        var (signer, _) = await NewSignersAsync("expired-rfc");
        var request = signer.Sign("GET", "/echo/x",
            adjust: p => p with { Created = Now.AddSeconds(-120), Expires = Now.AddSeconds(offsetSeconds) });
        await ProblemAssert.HasCodeAsync(await request.SendAsync(Gateway.Proxy), HttpStatusCode.Unauthorized, "signature_expired");
    }

    [Fact]
    public async Task Rfc9421_ExpiresOneSecondAhead_IsAccepted_AndNotAfterItPasses()
    {
        var (signer, _) = await NewSignersAsync("expiring-rfc");
        var request = signer.Sign("GET", "/echo/x", adjust: p => p with { Expires = Now.AddSeconds(1) });
        Assert.Equal(HttpStatusCode.OK, (await request.SendAsync(Gateway.Proxy)).StatusCode);

        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        var late = signer.Sign("GET", "/echo/x", adjust: p => p with { Created = Now.AddSeconds(-1), Expires = Now });
        await ProblemAssert.HasCodeAsync(await late.SendAsync(Gateway.Proxy), HttpStatusCode.Unauthorized, "signature_expired");
    }

    [Fact]
    public async Task Rfc9421_Replay_IsRejectedUntilTheLastInstantTheRequestIsFresh_ThenExpired()
    {
        var (signer, _) = await NewSignersAsync("replay-window-rfc");

        // Signed as late as accepted: created = now + skew. It stays fresh until now + 2 × skew, inclusive.
        var request = signer.Sign("GET", "/echo/x", adjust: p => p with { Created = Now + Skew });
        Assert.Equal(HttpStatusCode.OK, (await request.SendAsync(Gateway.Proxy)).StatusCode);

        fixture.Clock.Advance(Skew);
        await ProblemAssert.HasCodeAsync(await request.SendAsync(Gateway.Proxy), HttpStatusCode.Unauthorized, "replayed_request");

        fixture.Clock.Advance(Skew);
        await ProblemAssert.HasCodeAsync(await request.SendAsync(Gateway.Proxy), HttpStatusCode.Unauthorized, "replayed_request");

        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        await ProblemAssert.HasCodeAsync(await request.SendAsync(Gateway.Proxy), HttpStatusCode.Unauthorized, "signature_expired");
    }

    [Theory]
    [InlineData(-300)]
    [InlineData(300)]
    public async Task SigV4_AmzDateWithinTheSkew_IsAccepted(int offsetSeconds)
    {
        var (_, signer) = await NewSignersAsync("fresh-sigv4");
        var request = signer.Sign("GET", "/echo/x?a=1", date: Now.AddSeconds(offsetSeconds));
        Assert.Equal(HttpStatusCode.OK, (await request.SendAsync(Gateway.Proxy)).StatusCode);
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    [InlineData(-86_400)]
    [InlineData(86_400)]
    public async Task SigV4_AmzDateOutsideTheSkew_Is401SignatureExpired(int offsetSeconds)
    {
        var (_, signer) = await NewSignersAsync("stale-sigv4");
        var request = signer.Sign("GET", "/echo/x?a=1", date: Now.AddSeconds(offsetSeconds));
        await ProblemAssert.HasCodeAsync(await request.SendAsync(Gateway.Proxy), HttpStatusCode.Unauthorized, "signature_expired");
    }

    [Fact]
    public async Task SigV4_Replay_IsRejectedUntilTheLastInstantTheRequestIsFresh_ThenExpired()
    {
        var (_, signer) = await NewSignersAsync("replay-window-sigv4");
        var request = signer.Sign("POST", "/echo/x", "{}"u8.ToArray(), date: Now + Skew);
        Assert.Equal(HttpStatusCode.OK, (await request.SendAsync(Gateway.Proxy)).StatusCode);

        fixture.Clock.Advance(Skew * 2);
        await ProblemAssert.HasCodeAsync(await request.SendAsync(Gateway.Proxy), HttpStatusCode.Unauthorized, "replayed_request");

        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        await ProblemAssert.HasCodeAsync(await request.SendAsync(Gateway.Proxy), HttpStatusCode.Unauthorized, "signature_expired");
    }
}
