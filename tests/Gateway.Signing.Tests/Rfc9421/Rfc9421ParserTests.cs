using Gateway.Signing.Rfc9421;

namespace Gateway.Signing.Tests.Rfc9421;

/// <summary>Strict parsing: every malformed shape gets a distinct failure result and nothing throws.</summary>
public sealed class Rfc9421ParserTests
{
    private const string ValidInput = "sig1=(\"@method\" \"@authority\" \"@path\");created=1700000000;keyid=\"k1\";nonce=\"n1\";alg=\"hmac-sha256\"";
    private const string ValidSignature = "sig1=:dGhpcyBpcyBhIHRlc3Qgc2lnbmF0dXJlIHZhbHVlIQ==:";

    public static TheoryData<string?, string?, Rfc9421Error> HeaderLevelFailures() => new()
    {
        { null, ValidSignature, Rfc9421Error.MissingSignatureInput },
        { ValidInput, null, Rfc9421Error.MissingSignature },
        { "", ValidSignature, Rfc9421Error.MalformedSignatureInput },
        { "   ", ValidSignature, Rfc9421Error.MalformedSignatureInput },
        { "garbage!!", ValidSignature, Rfc9421Error.MalformedSignatureInput },
        { "sig1=(\"@method\"", ValidSignature, Rfc9421Error.MalformedSignatureInput },
        { "sig1=(\"@method);created=1", ValidSignature, Rfc9421Error.MalformedSignatureInput },
        { "sig1=(\"@method\");created=1,", ValidSignature, Rfc9421Error.MalformedSignatureInput },
        { "sig1=(\"@method\");created=", ValidSignature, Rfc9421Error.MalformedSignatureInput },
        { "sig1=(\"@method\");=1", ValidSignature, Rfc9421Error.MalformedSignatureInput },
        { "Sig1=(\"@method\");created=1", ValidSignature, Rfc9421Error.MalformedSignatureInput },
        { "sig1=(\"@method\")created=1", ValidSignature, Rfc9421Error.MalformedSignatureInput },
        { "sig1=(\"@method\"\"@path\");created=1", ValidSignature, Rfc9421Error.MalformedSignatureInput },
        { "sig1=(\"a\\x\");created=1", ValidSignature, Rfc9421Error.MalformedSignatureInput },
        { "sig1=(\"caf\u00e9\");created=1", ValidSignature, Rfc9421Error.MalformedSignatureInput },
        { "sig1=(\"@method\");created=1234567890123456", ValidSignature, Rfc9421Error.MalformedSignatureInput },
        { "sig1=(\"@method\");created=1.", ValidSignature, Rfc9421Error.MalformedSignatureInput },
        { "sig1=(\"@method\");created=-", ValidSignature, Rfc9421Error.MalformedSignatureInput },
        { "sig1=(\"@method\");created=?2", ValidSignature, Rfc9421Error.MalformedSignatureInput },
        { "sig1=(\"@method\") ;created=1", ValidSignature, Rfc9421Error.MalformedSignatureInput },
        { "sig1=((\"@method\"));created=1", ValidSignature, Rfc9421Error.MalformedSignatureInput },
        { ValidInput, "", Rfc9421Error.MalformedSignature },
        { ValidInput, "sig1=:not base64!:", Rfc9421Error.MalformedSignature },
        { ValidInput, "sig1=:AAA:", Rfc9421Error.MalformedSignature },
        { ValidInput, "sig1=:AAAA", Rfc9421Error.MalformedSignature },
        { ValidInput, "sig1=:AA=A:", Rfc9421Error.MalformedSignature },
        { ValidInput + ", " + ValidInput, ValidSignature, Rfc9421Error.DuplicateLabel },
        { ValidInput, ValidSignature + ", " + ValidSignature, Rfc9421Error.DuplicateLabel },
    };

    public static TheoryData<string, string, Rfc9421Error> EntryLevelFailures() => new()
    {
        { "sig1=\"@method\"", ValidSignature, Rfc9421Error.InvalidSignatureInputMember },
        { "sig1=(\"@method\");created=1", "sig2=:AAAA:", Rfc9421Error.MissingSignatureForLabel },
        { "sig1=(\"@method\");created=1", "sig1=\"AAAA\"", Rfc9421Error.InvalidSignatureValue },
        { "sig1=(\"@method\");created=1", "sig1=(:AAAA:)", Rfc9421Error.InvalidSignatureValue },
        { "sig1=(method);created=1", ValidSignature, Rfc9421Error.InvalidComponentIdentifier },
        { "sig1=(1);created=1", ValidSignature, Rfc9421Error.InvalidComponentIdentifier },
        { "sig1=(\"\");created=1", ValidSignature, Rfc9421Error.InvalidComponentIdentifier },
        { "sig1=(\"Content-Type\");created=1", ValidSignature, Rfc9421Error.InvalidComponentIdentifier },
        { "sig1=(\"content type\");created=1", ValidSignature, Rfc9421Error.InvalidComponentIdentifier },
        { "sig1=(\"@signature-params\");created=1", ValidSignature, Rfc9421Error.InvalidComponentIdentifier },
        { "sig1=(\"@method\" \"@method\");created=1", ValidSignature, Rfc9421Error.DuplicateComponent },
        { "sig1=(\"@query-param\";name=\"a\");created=1", ValidSignature, Rfc9421Error.UnsupportedDerivedComponent },
        { "sig1=(\"@status\");created=1", ValidSignature, Rfc9421Error.UnsupportedDerivedComponent },
        { "sig1=(\"@unknown\");created=1", ValidSignature, Rfc9421Error.UnsupportedDerivedComponent },
        { "sig1=(\"content-type\";sf);created=1", ValidSignature, Rfc9421Error.UnsupportedComponentParameter },
        { "sig1=(\"content-type\";bs);created=1", ValidSignature, Rfc9421Error.UnsupportedComponentParameter },
        { "sig1=(\"content-type\";req);created=1", ValidSignature, Rfc9421Error.UnsupportedComponentParameter },
        { "sig1=(\"@method\";x=1);created=1", ValidSignature, Rfc9421Error.UnsupportedComponentParameter },
        { "sig1=(\"@method\");created=\"1700000000\"", ValidSignature, Rfc9421Error.InvalidCreated },
        { "sig1=(\"@method\");created=1700000000.5", ValidSignature, Rfc9421Error.InvalidCreated },
        { "sig1=(\"@method\");created=-1", ValidSignature, Rfc9421Error.InvalidCreated },
        { "sig1=(\"@method\");created=now", ValidSignature, Rfc9421Error.InvalidCreated },
        { "sig1=(\"@method\");created", ValidSignature, Rfc9421Error.InvalidCreated },
        { "sig1=(\"@method\");created=999999999999999", ValidSignature, Rfc9421Error.InvalidCreated },
        { "sig1=(\"@method\");created=1;expires=\"2\"", ValidSignature, Rfc9421Error.InvalidExpires },
        { "sig1=(\"@method\");created=1;nonce=12", ValidSignature, Rfc9421Error.InvalidNonce },
        { "sig1=(\"@method\");created=1;keyid=k1", ValidSignature, Rfc9421Error.InvalidKeyId },
        { "sig1=(\"@method\");created=1;tag=:AAAA:", ValidSignature, Rfc9421Error.InvalidTag },
        { "sig1=(\"@method\");created=1;alg=\"rsa-pss-sha512\"", ValidSignature, Rfc9421Error.UnsupportedAlgorithm },
        { "sig1=(\"@method\");created=1;alg=\"HMAC-SHA256\"", ValidSignature, Rfc9421Error.UnsupportedAlgorithm },
        { "sig1=(\"@method\");created=1;alg=hmac-sha256", ValidSignature, Rfc9421Error.UnsupportedAlgorithm },
        { "sig1=(\"@method\");created=1;created=2", ValidSignature, Rfc9421Error.DuplicateParameter },
    };

    [Theory]
    [MemberData(nameof(HeaderLevelFailures))]
    public void Parse_HeaderLevelFailure_ReturnsReason(string? signatureInput, string? signature, Rfc9421Error expected)
    {
        var result = Rfc9421Parser.Parse(signatureInput, signature);

        Assert.Equal(expected, result.Error);
        Assert.Empty(result.Signatures);
        Assert.Equal(expected, result.TrySelect(null, out var selected));
        Assert.Null(selected);
    }

    [Theory]
    [MemberData(nameof(EntryLevelFailures))]
    public void Parse_EntryLevelFailure_ReturnsReason(string signatureInput, string signature, Rfc9421Error expected)
    {
        var result = Rfc9421Parser.Parse(signatureInput, signature);

        Assert.Equal(Rfc9421Error.None, result.Error);
        Assert.Equal(expected, Assert.Single(result.Signatures).Error);
        Assert.Equal(expected, result.TrySelect(null, out _));
        Assert.Equal(expected, result.TrySelect("sig1", out _));
    }

    [Fact]
    public void Parse_Valid_ExposesEverything()
    {
        var result = Rfc9421Parser.Parse(
            "sig1=(\"@method\" \"content-digest\");created=1700000000;expires=1700000300;nonce=\"n\\\"1\";keyid=\"k1\";alg=\"hmac-sha256\";tag=\"gw\";ext=?1",
            ValidSignature);

        Assert.Equal(Rfc9421Error.None, result.TrySelect("sig1", out var signature));
        Assert.Equal(["@method", "content-digest"], signature!.Components.Select(c => c.Name));
        Assert.True(signature.Covers("content-digest"));
        Assert.False(signature.Covers("@path"));
        Assert.Equal(1700000000, signature.Created);
        Assert.Equal(1700000300, signature.Expires);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000300), signature.ExpiresAt);
        Assert.Equal("n\"1", signature.Nonce);
        Assert.Equal("k1", signature.KeyId);
        Assert.Equal("hmac-sha256", signature.Algorithm);
        Assert.Equal("gw", signature.Tag);
        Assert.Equal("this is a test signature value!"u8.ToArray(), signature.SignatureBytes.ToArray());
    }

    [Fact]
    public void Parse_SignatureParams_KeepsOriginalSerialization()
    {
        // Extra spaces inside the inner list are legal; the received serialization is what gets signed.
        var result = Rfc9421Parser.Parse("sig1=(  \"@method\"   \"@path\" );created=1;keyid=\"k\"", "sig1=:AAAA:");

        Assert.Equal("(  \"@method\"   \"@path\" );created=1;keyid=\"k\"", result.Signatures[0].SignatureParameters);
    }

    [Fact]
    public void Parse_MultipleLinesAndSignatures_ExposesAllAndSelectsByLabel()
    {
        var request = new SignableRequest("GET", "https", "example.com", "/");
        request.AddHeader("Signature-Input", "proxy=(\"@method\");created=1;alg=\"ed25519\"");
        request.AddHeader("Signature-Input", "sig1=(\"@method\");created=2;keyid=\"k\"");
        request.AddHeader("Signature", "proxy=:AAAA:, sig1=:AAAA:");

        var result = Rfc9421Parser.Parse(request);

        Assert.Equal(["proxy", "sig1"], result.Signatures.Select(s => s.Label));
        Assert.Equal(Rfc9421Error.UnsupportedAlgorithm, result.TrySelect("proxy", out _));
        Assert.Equal(Rfc9421Error.None, result.TrySelect(null, out var first));
        Assert.Equal("sig1", first!.Label);
        Assert.Equal(Rfc9421Error.LabelNotFound, result.TrySelect("other", out _));
    }

    [Fact]
    public void Parse_Mutations_NeverThrowAndNeverVerify()
    {
        var request = new SignableRequest("GET", "https", "example.com", "/a", "?x=1");
        var headers = Rfc9421Signer.Sign(
            request,
            new Rfc9421SigningParameters { KeyId = "k1", Components = ["@method", "@authority", "@path", "@query"], Created = DateTimeOffset.FromUnixTimeSeconds(1), Nonce = "n" },
            "secret");
        Assert.Equal(Rfc9421Error.None, ParseAndVerify(request, headers.SignatureInput, headers.Signature));

        var mutations = new List<(string Input, string Signature)>();
        var substitutes = "\"();,=: a0\\\t*?-.é\u0000";
        for (var i = 0; i < headers.SignatureInput.Length; i++)
        {
            mutations.Add((headers.SignatureInput[..i], headers.Signature));
            foreach (var c in substitutes.Where(c => c != headers.SignatureInput[i]))
            {
                mutations.Add((headers.SignatureInput[..i] + c + headers.SignatureInput[(i + 1)..], headers.Signature));
            }
        }

        for (var i = 0; i < headers.Signature.Length; i++)
        {
            mutations.Add((headers.SignatureInput, headers.Signature[..i]));
            foreach (var c in substitutes.Where(c => c != headers.Signature[i]))
            {
                mutations.Add((headers.SignatureInput, headers.Signature[..i] + c + headers.Signature[(i + 1)..]));
            }
        }

        foreach (var (input, signature) in mutations)
        {
            Assert.NotEqual(Rfc9421Error.None, ParseAndVerify(request, input, signature));
        }
    }

    [Fact]
    public void Parse_RandomGarbage_NeverThrows()
    {
        var random = new Random(9421);
        const string alphabet = "sig1=()\";:,*?-_.0123456789abcXYZ+/ \t\\@é\u0001";
        for (var i = 0; i < 5000; i++)
        {
            var input = new string(Enumerable.Range(0, random.Next(0, 40)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            var signature = new string(Enumerable.Range(0, random.Next(0, 20)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());

            var exception = Record.Exception(() => ParseAndVerify(new SignableRequest("GET", "https", "h", "/"), input, signature));

            Assert.Null(exception);
        }
    }

    private static Rfc9421Error ParseAndVerify(ISignableRequest request, string input, string signature)
    {
        var error = Rfc9421Parser.Parse(input, signature).TrySelect("sig1", out var selected);
        return error != Rfc9421Error.None ? error : Rfc9421Verifier.Verify(request, selected!, "secret");
    }
}
