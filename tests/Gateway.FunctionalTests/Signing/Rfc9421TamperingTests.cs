using System.Globalization;
using System.Net;
using Gateway.FunctionalTests.Infrastructure;
using Gateway.Signing.Digests;

namespace Gateway.FunctionalTests.Signing;

/// <summary>
/// Every covered component of a valid RFC 9421 request altered after signing — and only that — is
/// <c>invalid_credentials</c>; and a tampered request does not burn the nonce of the genuine one.
/// </summary>
public sealed class Rfc9421TamperingTests(SigningFixture fixture) : IClassFixture<SigningFixture>
{
    private static readonly byte[] Body = "{\"image\":\"app:1.2.3\"}"u8.ToArray();

    private GatewayHost Gateway => fixture.Gateway;

    /// <summary>A POST with query, body and two signed headers: every kind of component is covered.</summary>
    private static WireRequest SignFull(Rfc9421RequestSigner signer) => signer.Sign(
        "POST",
        "/echo/deployments?env=prod&wait=true",
        Body,
        headers: [("X-Tenant", "blue"), ("Content-Type", "application/json")],
        signedHeaders: ["x-tenant", "content-type"]);

    public static TheoryData<string> Tamperings() =>
    [
        "method", "authority", "path", "query", "query-removed", "signed-header", "signed-content-header",
        "content-digest-algorithm", "body-with-recomputed-digest", "created", "nonce", "keyid", "signature",
    ];

    private async Task<WireRequest> TamperAsync(Rfc9421RequestSigner signer, WireRequest signed, string part)
    {
        var created = Rfc9421RequestSigner.CreatedOf(signed);
        return part switch
        {
            "method" => signed with { Method = "PUT" },
            "authority" => signed with { Authority = "localhost:" + Gateway.Proxy.BaseAddress!.Port.ToString(CultureInfo.InvariantCulture) },
            "path" => signed with { Path = "/echo/deployment" },
            "query" => signed with { Query = "?env=prod&wait=fals" },
            "query-removed" => signed with { Query = "" },
            "signed-header" => signed.WithHeader("X-Tenant", "red"),
            "signed-content-header" => signed.WithHeader("Content-Type", "text/plain"),
            // Still a valid digest of the same body, but not the content-digest value that was signed.
            "content-digest-algorithm" => signed.WithHeader("Content-Digest", ContentDigest.Create(Body, ContentDigestAlgorithm.Sha512)),
            "body-with-recomputed-digest" => (signed with { Body = "{\"image\":\"evil:6.6.6\"}"u8.ToArray() })
                .WithHeader("Content-Digest", ContentDigest.Create("{\"image\":\"evil:6.6.6\"}"u8)),
            "created" => Rfc9421RequestSigner.WithSignatureParameter(signed, "created", (created - 1).ToString(CultureInfo.InvariantCulture)),
            "nonce" => Rfc9421RequestSigner.WithSignatureParameter(signed, "nonce", "\"" + Rfc9421RequestSigner.NewNonce() + "\""),
            "keyid" => Rfc9421RequestSigner.WithSignatureParameter(signed, "keyid", "\"" + (await Gateway.CreateHmacCallerAsync("tamper-other-" + Guid.NewGuid().ToString("N")[..8])).KeyId + "\""),
            "signature" => signed.WithHeader("Signature", "sig1=:" + Convert.ToBase64String(new byte[32]) + ":"),
            _ => throw new ArgumentOutOfRangeException(nameof(part), part, null),
        };
    }

    [Fact]
    public async Task Untampered_IsAccepted()
    {
        var (_, keyId, secret) = await Gateway.CreateHmacCallerAsync("tamper-baseline");
        var signer = new Rfc9421RequestSigner(Gateway.Proxy.BaseAddress!, keyId, secret);
        var echo = await Echo.ReadAsync(await SignFull(signer).SendAsync(Gateway.Proxy));
        Assert.Equal("rfc9421", echo.Header("X-Gateway-Auth-Scheme"));
        Assert.Equal("blue", echo.Header("X-Tenant"));
    }

    [Theory]
    [MemberData(nameof(Tamperings))]
    public async Task ComponentAlteredAfterSigning_Is401InvalidCredentials_AndTheGenuineRequestStillPasses(string part)
    {
        var (_, keyId, secret) = await Gateway.CreateHmacCallerAsync("tamper-" + part);
        var signer = new Rfc9421RequestSigner(Gateway.Proxy.BaseAddress!, keyId, secret);
        var signed = SignFull(signer);
        var tampered = await TamperAsync(signer, signed, part);
        Assert.NotEqual(signed, tampered);

        await ProblemAssert.HasCodeAsync(await tampered.SendAsync(Gateway.Proxy), HttpStatusCode.Unauthorized, "invalid_credentials");

        // Nothing was reserved for the request that did not verify: the genuine one, same nonce, is accepted once.
        Assert.Equal(HttpStatusCode.OK, (await signed.SendAsync(Gateway.Proxy)).StatusCode);
        await ProblemAssert.HasCodeAsync(await signed.SendAsync(Gateway.Proxy), HttpStatusCode.Unauthorized, "replayed_request");
    }

    [Fact]
    public async Task UnsignedHeaderAlteredAfterSigning_IsAccepted()
    {
        var (_, keyId, secret) = await Gateway.CreateHmacCallerAsync("tamper-unsigned-header");
        var signer = new Rfc9421RequestSigner(Gateway.Proxy.BaseAddress!, keyId, secret);
        var request = SignFull(signer).WithHeader("X-Trace-Note", "added later");
        var echo = await Echo.ReadAsync(await request.SendAsync(Gateway.Proxy));
        Assert.Equal("added later", echo.Header("X-Trace-Note"));
    }
}
