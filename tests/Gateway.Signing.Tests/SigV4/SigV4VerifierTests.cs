using System.Text;
using Gateway.Signing.SigV4;

namespace Gateway.Signing.Tests.SigV4;

public sealed class SigV4VerifierTests
{
    private const string Secret = "gws_secret/exactly+as=issued";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"run\":42}");

    private static readonly SigV4SigningParameters Parameters = new()
    {
        AccessKeyId = "gwh_AKID1",
        Secret = Secret,
        SignedHeaders = ["host", "x-amz-date", "x-amz-content-sha256", "content-type"],
    };

    public static TheoryData<string> Tamperings() =>
        ["method", "host", "path", "query", "header", "payload", "date", "secret", "region", "signature"];

    [Fact]
    public void Signed_Verifies_WithDefaultsAndParsedTime()
    {
        var request = SignedRequest();

        var parsed = SigV4Parser.Parse(request);

        Assert.Equal(SigV4Error.None, parsed.Error);
        Assert.Equal("us-east-1", parsed.Authorization!.Credential.Region);
        Assert.Equal("gateway", parsed.Authorization.Credential.Service);
        Assert.Equal(["content-type", "host", "x-amz-content-sha256", "x-amz-date"], parsed.Authorization.SignedHeaders);
        Assert.Equal(new DateTimeOffset(2025, 11, 22, 10, 0, 0, TimeSpan.Zero), parsed.RequestTime);
        Assert.Equal(SigV4Error.None, SigV4Verifier.Verify(request, parsed, SigV4Payload.ComputeHash(Body), Secret));
    }

    [Theory]
    [MemberData(nameof(Tamperings))]
    public void Tampered_FailsWithSignatureMismatch(string tampering)
    {
        var request = SignedRequest();
        var payloadHash = SigV4Payload.ComputeHash(Body);
        var secret = Secret;
        switch (tampering)
        {
            case "method":
                request = Copy(request, method: "PUT");
                break;
            case "host":
                request.SetHeader("Host", "evil.example.com");
                break;
            case "path":
                request = Copy(request, path: "/v1/runs/43");
                break;
            case "query":
                request = Copy(request, query: "?a=1&b=3");
                break;
            case "header":
                request.SetHeader("Content-Type", "text/plain");
                break;
            case "payload":
                payloadHash = SigV4Payload.ComputeHash("{\"run\":43}"u8);
                break;
            case "date":
                request.SetHeader("X-Amz-Date", "20251122T100001Z");
                break;
            case "secret":
                secret = Secret.ToUpperInvariant();
                break;
            case "region":
                request.TryGetHeader("Authorization", out var authorization);
                request.SetHeader("Authorization", authorization.ToString().Replace("/us-east-1/", "/eu-west-1/", StringComparison.Ordinal));
                break;
            case "signature":
                request.TryGetHeader("Authorization", out var original);
                var text = original.ToString();
                request.SetHeader("Authorization", text[..^1] + (text[^1] == '0' ? '1' : '0'));
                break;
        }

        var parsed = SigV4Parser.Parse(request);

        Assert.Equal(SigV4Error.None, parsed.Error);
        Assert.Equal(SigV4Error.SignatureMismatch, SigV4Verifier.Verify(request, parsed, payloadHash, secret));
    }

    [Theory]
    [InlineData("20251122", true)]
    [InlineData("20251123", false)]
    public void VerifyWithPreparedSigningKey_VerifiesUnderTheScopesKeyOnly(string keyDate, bool verifies)
    {
        var request = SignedRequest();
        var parsed = SigV4Parser.Parse(request);
        var derived = new byte[32];
        SigV4Canonicalizer.DeriveSigningKey(Encoding.UTF8.GetBytes(Secret), keyDate, "us-east-1", "gateway", derived);
        using var key = new HmacSha256Key(derived);
        var expected = verifies ? SigV4Error.None : SigV4Error.SignatureMismatch;

        Assert.Equal(expected, SigV4Verifier.VerifyWithSigningKey(request, parsed, SigV4Payload.ComputeHash(Body), key));
        Assert.Equal(expected, SigV4Verifier.VerifyWithSigningKey(request, parsed, SigV4Payload.ComputeHash(Body), derived));
    }

    [Fact]
    public void SignedHeaderRemoved_FailsWithMissingSignedHeader()
    {
        var request = SignedRequest();
        request.RemoveHeader("Content-Type");
        var parsed = SigV4Parser.Parse(request);

        Assert.Equal(SigV4Error.MissingSignedHeader, SigV4Verifier.Verify(request, parsed, SigV4Payload.ComputeHash(Body), Secret));
    }

    [Fact]
    public void Verify_ParseFailure_IsReturned()
    {
        var request = new SignableRequest("GET", "https", "h", "/");

        Assert.Equal(SigV4Error.MissingAuthorization, SigV4Verifier.Verify(request, SigV4Parser.Parse(request), SigV4Constants.EmptyPayloadHash, Secret));
    }

    [Theory]
    [InlineData("?a=1&b=2", "a=1&b=2")]
    [InlineData("?b=2&a=1", "a=1&b=2")]
    [InlineData("?q=a%20b&x=%7e&y=%2f&z=a+b", "q=a%20b&x=~&y=%2F&z=a%2Bb")]
    [InlineData("?flag&a=", "a=&flag=")]
    [InlineData("?a=1&&b=%zz", "a=1&b=%25zz")]
    [InlineData("?", "")]
    public void CanonicalQuery_IsSortedAndEncodedOnce(string query, string expected)
    {
        var request = new SignableRequest("GET", "https", "h", "/", query);

        SigV4Canonicalizer.TryBuildCanonicalRequest(request, ["host"], SigV4Constants.EmptyPayloadHash, SigV4PathMode.Normalized, out var canonical);

        Assert.Equal(expected, canonical!.Split('\n')[2]);
    }

    [Theory]
    [InlineData("/a%20b/./c/../d//", SigV4PathMode.Normalized, "/a%2520b/d/")]
    [InlineData("/a%20b/./c/../d//", SigV4PathMode.AsSent, "/a%20b/./c/../d//")]
    [InlineData("", SigV4PathMode.Normalized, "/")]
    [InlineData("", SigV4PathMode.AsSent, "/")]
    public void CanonicalUri_FollowsPathMode(string path, SigV4PathMode mode, string expected)
    {
        var request = new SignableRequest("GET", "https", "h", path);

        SigV4Canonicalizer.TryBuildCanonicalRequest(request, ["host"], SigV4Constants.EmptyPayloadHash, mode, out var canonical);

        Assert.Equal(expected, canonical!.Split('\n')[1]);
    }

    [Fact]
    public void CurlStyleAlreadyCanonicalQuery_Verifies()
    {
        // curl 7.88 --aws-sigv4 signs the query string exactly as sent; when it is already canonical it must verify.
        var request = new SignableRequest("GET", "http", "127.0.0.1:8080", "/v1/items", "?limit=10&state=open");
        request.AddHeader("X-Amz-Date", "20251122T100000Z");
        var hostAndDate = Parameters with { SignedHeaders = ["host", "x-amz-date"] };
        request.AddHeader("Authorization", SigV4Signer.CreateAuthorization(request, hostAndDate, SigV4Constants.EmptyPayloadHash));

        var parsed = SigV4Parser.Parse(request);

        Assert.Equal(SigV4Error.None, SigV4Verifier.Verify(request, parsed, SigV4Constants.EmptyPayloadHash, Secret));
    }

    [Fact]
    public void Payload_Matches_IsConstantTimeHexCheck()
    {
        var hash = SigV4Payload.ComputeHash(Body);

        Assert.True(SigV4Payload.Matches(hash, Body));
        Assert.True(SigV4Payload.Matches(hash.ToUpperInvariant(), Body));
        Assert.False(SigV4Payload.Matches(hash, "x"u8));
        Assert.False(SigV4Payload.Matches(SigV4Constants.UnsignedPayload, Body));
        Assert.False(SigV4Payload.Matches(hash[..^1], Body));
        Assert.False(SigV4Payload.Matches(null, Body));
        Assert.Equal(SigV4Constants.EmptyPayloadHash, SigV4Payload.ComputeHash([]));
    }

    private static SignableRequest SignedRequest()
    {
        var request = new SignableRequest("POST", "https", "api.example.com", "/v1/runs/42", "?b=2&a=1");
        request.AddHeader("Host", "api.example.com");
        request.AddHeader("Content-Type", "application/json");
        request.AddHeader("X-Amz-Date", SigV4Signer.FormatAmzDate(new DateTimeOffset(2025, 11, 22, 10, 0, 0, TimeSpan.Zero)));
        request.AddHeader("X-Amz-Content-Sha256", SigV4Payload.ComputeHash(Body));
        request.AddHeader("Authorization", SigV4Signer.CreateAuthorization(request, Parameters, SigV4Payload.ComputeHash(Body)));
        return request;
    }

    private static SignableRequest Copy(SignableRequest source, string? method = null, string? path = null, string? query = null)
    {
        var copy = new SignableRequest(method ?? source.Method, source.Scheme, source.Authority, path ?? source.Path, query ?? source.Query);
        foreach (var name in source.HeaderNames)
        {
            source.TryGetHeader(name, out var values);
            copy.SetHeader(name, values);
        }

        return copy;
    }
}
