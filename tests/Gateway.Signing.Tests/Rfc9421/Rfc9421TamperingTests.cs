using System.Text;
using Gateway.Signing.Digests;
using Gateway.Signing.Rfc9421;

namespace Gateway.Signing.Tests.Rfc9421;

/// <summary>Every covered component and every signature parameter is protected: changing any one fails verification.</summary>
public sealed class Rfc9421TamperingTests
{
    private const string Secret = "hmac-secret-exactly-as-issued";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"name\":\"deploy\"}");

    private static readonly Rfc9421SigningParameters Parameters = new()
    {
        KeyId = "gwh_key1",
        Components = ["@method", "@authority", "@path", "@query", "content-digest", "date"],
        Created = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000),
        Nonce = "bm9uY2UtMTIzNDU2Nzg5MA",
    };

    public static TheoryData<string> Tamperings() =>
        ["method", "authority", "path", "query", "header", "content-digest", "created", "nonce", "keyid", "alg-removed", "component-removed", "signature", "secret"];

    [Fact]
    public void Untampered_Verifies()
    {
        var (request, signatureInput, signature) = SignedRequest();

        Assert.Equal(Rfc9421Error.None, Verify(request, signatureInput, signature, Secret));
    }

    [Theory]
    [MemberData(nameof(Tamperings))]
    public void Tampered_FailsWithSignatureMismatch(string tampering)
    {
        var (request, signatureInput, signature) = SignedRequest();
        var secret = Secret;
        switch (tampering)
        {
            case "method":
                request = Copy(request, method: "PUT");
                break;
            case "authority":
                request = Copy(request, authority: "api.example.com:8443");
                break;
            case "path":
                request = Copy(request, path: "/v1/items/2");
                break;
            case "query":
                request = Copy(request, query: "?b=2&a=2");
                break;
            case "header":
                request.SetHeader("Date", "Tue, 14 Nov 2023 22:13:21 GMT");
                break;
            case "content-digest":
                request.SetHeader(ContentDigest.HeaderName, ContentDigest.Create("{}"u8));
                break;
            case "created":
                signatureInput = signatureInput.Replace("created=1700000000", "created=1700000001", StringComparison.Ordinal);
                break;
            case "nonce":
                signatureInput = signatureInput.Replace("nonce=\"bm9uY2UtMTIzNDU2Nzg5MA\"", "nonce=\"bm9uY2UtMTIzNDU2Nzg5MB\"", StringComparison.Ordinal);
                break;
            case "keyid":
                signatureInput = signatureInput.Replace("keyid=\"gwh_key1\"", "keyid=\"gwh_key2\"", StringComparison.Ordinal);
                break;
            case "alg-removed":
                signatureInput = signatureInput.Replace(";alg=\"hmac-sha256\"", string.Empty, StringComparison.Ordinal);
                break;
            case "component-removed":
                signatureInput = signatureInput.Replace(" \"date\"", string.Empty, StringComparison.Ordinal);
                break;
            case "signature":
                var bytes = Convert.FromBase64String(signature["sig1=:".Length..^1]);
                bytes[^1] ^= 0x01;
                signature = "sig1=:" + Convert.ToBase64String(bytes) + ":";
                break;
            case "secret":
                secret = Secret + " ";
                break;
        }

        Assert.Equal(Rfc9421Error.SignatureMismatch, Verify(request, signatureInput, signature, secret));
    }

    [Fact]
    public void CoveredHeaderRemoved_FailsWithMissingComponentValue()
    {
        var (request, signatureInput, signature) = SignedRequest();
        request.RemoveHeader("Date");

        Assert.Equal(Rfc9421Error.MissingComponentValue, Verify(request, signatureInput, signature, Secret));
    }

    [Fact]
    public void CoveredHeaderWithLineBreak_FailsWithInvalidComponentValue()
    {
        var (request, signatureInput, signature) = SignedRequest();
        request.SetHeader("Date", "Tue, 14 Nov 2023\n\"@method\": GET");

        Assert.Equal(Rfc9421Error.InvalidComponentValue, Verify(request, signatureInput, signature, Secret));
    }

    [Fact]
    public void Verify_MultipleFieldLines_AreTrimmedAndJoined()
    {
        var request = new SignableRequest("GET", "https", "Example.COM:443", "", "");
        request.AddHeader("X-Multi", "  a ");
        request.AddHeader("X-Multi", "\tb");
        var signature = Rfc9421Parser.Parse("sig1=(\"@authority\" \"@path\" \"@query\" \"x-multi\" \"@target-uri\" \"@request-target\" \"@scheme\");created=1", "sig1=:AAAA:").Signatures[0];

        Assert.Equal(Rfc9421Error.None, SignatureBase.TryBuild(request, signature, out var signatureBase));
        Assert.Equal(
            "\"@authority\": example.com\n\"@path\": /\n\"@query\": ?\n\"x-multi\": a, b\n\"@target-uri\": https://example.com/\n\"@request-target\": /\n\"@scheme\": https\n\"@signature-params\": (\"@authority\" \"@path\" \"@query\" \"x-multi\" \"@target-uri\" \"@request-target\" \"@scheme\");created=1",
            signatureBase);
    }

    private static Rfc9421Error Verify(ISignableRequest request, string signatureInput, string signature, string secret)
    {
        var result = Rfc9421Parser.Parse(signatureInput, signature);
        var error = result.TrySelect("sig1", out var selected);
        return error != Rfc9421Error.None ? error : Rfc9421Verifier.Verify(request, selected!, secret);
    }

    private static (SignableRequest Request, string SignatureInput, string Signature) SignedRequest()
    {
        var request = new SignableRequest("POST", "https", "api.example.com", "/v1/items", "?b=2&a=1");
        request.AddHeader("Date", "Tue, 14 Nov 2023 22:13:20 GMT");
        request.AddHeader(ContentDigest.HeaderName, ContentDigest.Create(Body));
        var headers = Rfc9421Signer.Sign(request, Parameters, Secret);
        return (request, headers.SignatureInput, headers.Signature);
    }

    private static SignableRequest Copy(SignableRequest source, string? method = null, string? authority = null, string? path = null, string? query = null)
    {
        var copy = new SignableRequest(method ?? source.Method, source.Scheme, authority ?? source.Authority, path ?? source.Path, query ?? source.Query);
        foreach (var name in source.HeaderNames)
        {
            source.TryGetHeader(name, out var values);
            copy.SetHeader(name, values);
        }

        return copy;
    }
}
