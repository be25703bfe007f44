using System.Text;
using Gateway.Signing.Rfc9421;
using Gateway.Signing.Tests.TestSupport;

namespace Gateway.Signing.Tests.Rfc9421;

/// <summary>RFC 9421 Appendix B.2.5 ("Signing a Request Using hmac-sha256"), byte for byte.</summary>
public sealed class Rfc9421VectorTests
{
    private readonly Rfc9421B25Vector _vector = Rfc9421B25Vector.Load();

    [Fact]
    public void Parse_B25_ExposesLabelComponentsAndParameters()
    {
        var result = Rfc9421Parser.Parse(_vector.SignatureInput, _vector.Signature);

        Assert.Equal(Rfc9421Error.None, result.TrySelect("sig-b25", out var signature));
        Assert.Equal("sig-b25", signature!.Label);
        Assert.Equal(["date", "@authority", "content-type"], signature.Components.Select(c => c.Name));
        Assert.Equal(1618884473, signature.Created);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1618884473), signature.CreatedAt);
        Assert.Equal("test-shared-secret", signature.KeyId);
        Assert.Null(signature.Expires);
        Assert.Null(signature.Nonce);
        Assert.Null(signature.Algorithm);
        Assert.Null(signature.Tag);
        Assert.Equal("(\"date\" \"@authority\" \"content-type\");created=1618884473;keyid=\"test-shared-secret\"", signature.SignatureParameters);
    }

    [Fact]
    public void SignatureBase_B25_MatchesVectorBytes()
    {
        var signature = Select(_vector.SignatureInput, _vector.Signature);

        var error = SignatureBase.TryBuild(_vector.Request.Request, signature, out var signatureBase);

        Assert.Equal(Rfc9421Error.None, error);
        Assert.Equal(_vector.SignatureBase, Encoding.UTF8.GetBytes(signatureBase!));
    }

    [Fact]
    public void Verify_B25_Succeeds()
    {
        var signature = Select(_vector.SignatureInput, _vector.Signature);

        Assert.Equal(Rfc9421Error.None, Rfc9421Verifier.Verify(_vector.Request.Request, signature, _vector.Key));
    }

    [Fact]
    public void Verify_B25_WithPreparedKey_Succeeds_AndAWrongPreparedKeyFails()
    {
        var signature = Select(_vector.SignatureInput, _vector.Signature);
        var wrong = (byte[])_vector.Key.Clone();
        wrong[^1] ^= 1;
        using var key = new HmacSha256Key(_vector.Key);
        using var wrongKey = new HmacSha256Key(wrong);

        Assert.Equal(Rfc9421Error.None, Rfc9421Verifier.Verify(_vector.Request.Request, signature, key));
        Assert.Equal(Rfc9421Error.None, Rfc9421Verifier.Verify(_vector.Request.Request, signature, key));
        Assert.Equal(Rfc9421Error.SignatureMismatch, Rfc9421Verifier.Verify(_vector.Request.Request, signature, wrongKey));
    }

    [Fact]
    public void Verify_B25_WrongKey_Fails()
    {
        var signature = Select(_vector.SignatureInput, _vector.Signature);
        var key = (byte[])_vector.Key.Clone();
        key[0] ^= 1;

        Assert.Equal(Rfc9421Error.SignatureMismatch, Rfc9421Verifier.Verify(_vector.Request.Request, signature, key));
    }

    [Theory]
    [InlineData("Date", "Tue, 20 Apr 2021 02:07:56 GMT")]
    [InlineData("Content-Type", "application/xml")]
    public void Verify_B25_TamperedHeader_Fails(string header, string value)
    {
        var request = HttpRequestFile.Load(Path.Combine(VectorPaths.Rfc9421, "rfc9421-test-request.http")).Request;
        request.SetHeader(header, value);

        Assert.Equal(Rfc9421Error.SignatureMismatch, Rfc9421Verifier.Verify(request, Select(_vector.SignatureInput, _vector.Signature), _vector.Key));
    }

    [Fact]
    public void Verify_B25_TamperedAuthority_Fails()
    {
        var original = _vector.Request.Request;
        var request = new SignableRequest(original.Method, original.Scheme, "example.org", original.Path, original.Query);
        foreach (var name in original.HeaderNames)
        {
            original.TryGetHeader(name, out var values);
            request.SetHeader(name, values);
        }

        Assert.Equal(Rfc9421Error.SignatureMismatch, Rfc9421Verifier.Verify(request, Select(_vector.SignatureInput, _vector.Signature), _vector.Key));
    }

    [Fact]
    public void Sign_B25Parameters_ReproducesVectorHeaders()
    {
        var parameters = new Rfc9421SigningParameters
        {
            Label = "sig-b25",
            Components = ["date", "@authority", "content-type"],
            Created = DateTimeOffset.FromUnixTimeSeconds(1618884473),
            KeyId = "test-shared-secret",
            Algorithm = null,
        };

        var headers = Rfc9421Signer.Sign(_vector.Request.Request, parameters, _vector.Key);

        Assert.Equal(_vector.SignatureInput, headers.SignatureInput);
        Assert.Equal(_vector.Signature, headers.Signature);
    }

    private static Rfc9421Signature Select(string signatureInput, string signature)
    {
        var error = Rfc9421Parser.Parse(signatureInput, signature).TrySelect(null, out var selected);
        Assert.Equal(Rfc9421Error.None, error);
        return selected!;
    }
}
