using System.Net;
using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.Security;

/// <summary>
/// A signed body cannot be stripped or swapped: the covered digest is checked against the body actually received,
/// an empty one included (RFC 9421), and SigV4's payload hash likewise.
/// </summary>
public sealed class SignatureBodyBindingTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private static readonly byte[] Body = "{\"deploy\":\"app:1.2.3\"}"u8.ToArray();

    private GatewayHost Gateway => fixture.Gateway;

    [Theory]
    [InlineData("no body")]
    [InlineData("content-length 0")]
    public async Task Rfc9421_CoveredDigestWithTheBodyStripped_IsDigestMismatch(string how)
    {
        var (_, keyId, secret) = await Gateway.CreateHmacCallerAsync("strip-" + Guid.NewGuid().ToString("N")[..8]);
        var signed = new Rfc9421RequestSigner(Gateway.Proxy.BaseAddress!, keyId, secret).Sign("POST", "/echo/deploy", Body);
        var stripped = signed with { Body = how == "no body" ? null : [] };
        await ProblemAssert.HasCodeAsync(await stripped.SendAsync(Gateway.Proxy), HttpStatusCode.Unauthorized, "digest_mismatch");

        // The genuine request (same nonce: nothing was reserved for the stripped one) still passes.
        var echo = await Echo.ReadAsync(await signed.SendAsync(Gateway.Proxy));
        Assert.Equal("{\"deploy\":\"app:1.2.3\"}", echo.Body);
    }

    [Fact]
    public async Task Rfc9421_BodyWithoutACoveredDigest_IsMalformed()
    {
        var (_, keyId, secret) = await Gateway.CreateHmacCallerAsync("nodigest-" + Guid.NewGuid().ToString("N")[..8]);
        var signed = new Rfc9421RequestSigner(Gateway.Proxy.BaseAddress!, keyId, secret).Sign("POST", "/echo/deploy");
        var added = signed with { Body = Body };
        await ProblemAssert.HasCodeAsync(await added.SendAsync(Gateway.Proxy), HttpStatusCode.Unauthorized, "malformed_credentials");
    }

    [Theory]
    [InlineData("no body")]
    [InlineData("content-length 0")]
    public async Task SigV4_SignedPayloadHashWithTheBodyStripped_IsDigestMismatch(string how)
    {
        var (_, keyId, secret) = await Gateway.CreateHmacCallerAsync("sigv4-strip-" + Guid.NewGuid().ToString("N")[..8]);
        var signed = new SigV4RequestSigner(Gateway.Proxy.BaseAddress!, keyId, secret).Sign("POST", "/echo/deploy", Body);
        var stripped = signed with { Body = how == "no body" ? null : [] };
        await ProblemAssert.HasCodeAsync(await stripped.SendAsync(Gateway.Proxy), HttpStatusCode.Unauthorized, "digest_mismatch");
    }
}
