using System.Net;
using Gateway.FunctionalTests.Infrastructure;
using Gateway.Signing.Rfc9421;

namespace Gateway.FunctionalTests.Signing;

/// <summary>
/// RFC 9421 requests the gateway cannot use — a required component or parameter missing, duplicate labels,
/// malformed structured fields, an unknown algorithm — are 401 <c>malformed_credentials</c>, never a 500.
/// </summary>
public sealed class Rfc9421MalformedTests(SigningFixture fixture) : IClassFixture<SigningFixture>
{
    private GatewayHost Gateway => fixture.Gateway;

    private async Task<Rfc9421RequestSigner> NewSignerAsync(string name)
    {
        var (_, keyId, secret) = await Gateway.CreateHmacCallerAsync(name);
        return new Rfc9421RequestSigner(Gateway.Proxy.BaseAddress!, keyId, secret);
    }

    private async Task AssertMalformedAsync(WireRequest request)
    {
        await ProblemAssert.HasCodeAsync(await request.SendAsync(Gateway.Proxy), HttpStatusCode.Unauthorized, "malformed_credentials");
    }

    [Theory]
    [InlineData("@method")]
    [InlineData("@authority")]
    [InlineData("@path")]
    [InlineData("@query")]
    [InlineData("content-digest")]
    public async Task RequiredComponentNotCovered_Is401MalformedCredentials(string missing)
    {
        var signer = await NewSignerAsync("malformed-missing-" + missing.TrimStart('@'));
        var request = signer.Sign("POST", "/echo/runs?x=1", "{}"u8.ToArray(),
            adjust: p => p with { Components = p.Components.Where(c => c != missing).ToArray() });
        Assert.DoesNotContain("\"" + missing + "\"", request.Header("Signature-Input"));
        await AssertMalformedAsync(request);
    }

    [Fact]
    public async Task TargetUriInsteadOfTheRequiredComponents_Is401MalformedCredentials()
    {
        var signer = await NewSignerAsync("malformed-target-uri");
        var request = signer.Sign("GET", "/echo/x", adjust: p => p with { Components = ["@method", "@target-uri"] });
        await AssertMalformedAsync(request);
    }

    [Fact]
    public async Task MissingCreated_Is401MalformedCredentials()
    {
        var signer = await NewSignerAsync("malformed-no-created");
        await AssertMalformedAsync(Rfc9421RequestSigner.WithSignatureParameter(signer.Sign("GET", "/echo/x"), "created", null));
    }

    [Fact]
    public async Task MissingNonce_Is401MalformedCredentials()
    {
        var signer = await NewSignerAsync("malformed-no-nonce");
        var request = signer.Sign("GET", "/echo/x", adjust: p => p with { Nonce = null });
        Assert.DoesNotContain("nonce=", request.Header("Signature-Input"));
        await AssertMalformedAsync(request);
    }

    [Fact]
    public async Task EmptyNonce_Is401MalformedCredentials()
    {
        var signer = await NewSignerAsync("malformed-empty-nonce");
        await AssertMalformedAsync(signer.Sign("GET", "/echo/x", adjust: p => p with { Nonce = "" }));
    }

    [Theory]
    [InlineData("rsa-pss-sha512")]
    [InlineData("hmac-sha512")]
    [InlineData("HMAC-SHA256")]
    public async Task UnknownAlgorithm_Is401MalformedCredentials(string alg)
    {
        var signer = await NewSignerAsync("malformed-alg-" + alg.ToLowerInvariant());
        await AssertMalformedAsync(Rfc9421RequestSigner.WithSignatureParameter(signer.Sign("GET", "/echo/x"), "alg", "\"" + alg + "\""));
    }

    [Fact]
    public async Task DuplicateLabelInSignatureInput_Is401MalformedCredentials()
    {
        var signer = await NewSignerAsync("malformed-dup-input");
        var request = signer.Sign("GET", "/echo/x");
        var input = request.Header("Signature-Input")!;
        await AssertMalformedAsync(request.WithHeader("Signature-Input", input + ", " + input));
    }

    [Fact]
    public async Task DuplicateLabelInSignature_Is401MalformedCredentials()
    {
        var signer = await NewSignerAsync("malformed-dup-signature");
        var request = signer.Sign("GET", "/echo/x");
        var signature = request.Header("Signature")!;
        await AssertMalformedAsync(request.WithHeader("Signature", signature + ", " + signature));
    }

    [Fact]
    public async Task DuplicateLabelOnTwoFieldLines_Is401MalformedCredentials()
    {
        var signer = await NewSignerAsync("malformed-dup-lines");
        var request = signer.Sign("GET", "/echo/x");
        var input = request.Header("Signature-Input")!;
        await AssertMalformedAsync(request with { Headers = request.Headers.Add(("Signature-Input", input)) });
    }

    [Fact]
    public async Task DuplicateParameter_Is401MalformedCredentials()
    {
        var signer = await NewSignerAsync("malformed-dup-param");
        var request = signer.Sign("GET", "/echo/x");
        var input = request.Header("Signature-Input")!;
        await AssertMalformedAsync(request.WithHeader("Signature-Input", input + ";nonce=\"again\""));
    }

    [Theory]
    [InlineData("sig1=(")]
    [InlineData("sig1=(\"@method\" \"@authority\" \"@path\";created=1700000000")]
    [InlineData("sig1=(\"@method\" \"@authority\" \"@path\");created=\"yesterday\";keyid=\"k\";nonce=\"n\"")]
    [InlineData("sig1=(\"@method\" \"@authority\" \"@path\");created=-5;keyid=\"k\";nonce=\"n\"")]
    [InlineData("sig1=(\"@method\" \"@authority\" \"@path\");created=1700000000;keyid=k;nonce=\"n\"")]
    [InlineData("sig1=(@method @authority @path);created=1700000000;keyid=\"k\";nonce=\"n\"")]
    [InlineData("sig1=(\"@METHOD\" \"@authority\" \"@path\");created=1700000000;keyid=\"k\";nonce=\"n\"")]
    [InlineData("sig1=(\"@method\" \"@method\" \"@authority\" \"@path\");created=1700000000;keyid=\"k\";nonce=\"n\"")]
    [InlineData("sig1=(\"@method\" \"@authority\" \"@path\" \"@query-param\";name=\"a\");created=1700000000;keyid=\"k\";nonce=\"n\"")]
    [InlineData("sig1=(\"@method\" \"@authority\" \"@path\" \"x-a\";sf);created=1700000000;keyid=\"k\";nonce=\"n\"")]
    [InlineData("sig1=\"@method\";created=1700000000")]
    [InlineData("Sig1=(\"@method\");created=1700000000")]
    [InlineData("")]
    [InlineData(",")]
    public async Task MalformedSignatureInput_Is401MalformedCredentials(string input)
    {
        var signer = await NewSignerAsync("malformed-input-" + Guid.NewGuid().ToString("N")[..8]);
        await AssertMalformedAsync(signer.Sign("GET", "/echo/x").WithHeader("Signature-Input", input));
    }

    [Theory]
    [InlineData("sig1=:not base64:")]
    [InlineData("sig1=:AAAA")]
    [InlineData("sig1=\"AAAA\"")]
    [InlineData("sig1=AAAA")]
    [InlineData("sig2=:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=:")]
    [InlineData("sig1=(:AAAA:)")]
    [InlineData("")]
    public async Task MalformedSignature_Is401MalformedCredentials(string signature)
    {
        var signer = await NewSignerAsync("malformed-signature-" + Guid.NewGuid().ToString("N")[..8]);
        await AssertMalformedAsync(signer.Sign("GET", "/echo/x").WithHeader("Signature", signature));
    }

    [Fact]
    public async Task SignatureHeaderMissing_Is401MalformedCredentials()
    {
        var signer = await NewSignerAsync("malformed-no-signature");
        await AssertMalformedAsync(signer.Sign("GET", "/echo/x").WithoutHeader(Rfc9421Constants.SignatureHeader));
    }

    [Fact]
    public async Task ContentDigestWithOnlyAnUnsupportedAlgorithm_Is401MalformedCredentials()
    {
        var signer = await NewSignerAsync("malformed-digest-md5");
        var request = signer.Sign("POST", "/echo/x", "{}"u8.ToArray()).WithHeader("Content-Digest", "md5=:mZFLkyvTelC5g8XnyQrpOw==:");
        await AssertMalformedAsync(request);
    }

    [Fact]
    public async Task ContentDigestNotAStructuredDictionary_Is401MalformedCredentials()
    {
        var signer = await NewSignerAsync("malformed-digest-text");
        var request = signer.Sign("POST", "/echo/x", "{}"u8.ToArray()).WithHeader("Content-Digest", "sha-256=not-bytes");
        await AssertMalformedAsync(request);
    }

    [Fact]
    public async Task CoveredHeaderAbsent_Is401InvalidCredentials()
    {
        var signer = await NewSignerAsync("malformed-covered-absent");
        var request = signer.Sign("GET", "/echo/x", headers: [("X-Tenant", "blue")], signedHeaders: ["x-tenant"]).WithoutHeader("X-Tenant");
        await ProblemAssert.HasCodeAsync(await request.SendAsync(Gateway.Proxy), HttpStatusCode.Unauthorized, "invalid_credentials");
    }
}
