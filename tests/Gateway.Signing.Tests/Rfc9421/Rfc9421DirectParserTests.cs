using Gateway.Signing.Rfc9421;
using Gateway.Signing.Tests.TestSupport;

namespace Gateway.Signing.Tests.Rfc9421;

/// <summary>
/// The direct <c>Signature-Input</c>/<c>Signature</c> parse: it answers the shapes signed requests carry exactly as the
/// general RFC 8941 path does, hands every other input (each of its reject paths below) to the general parser, and
/// never differs from it on any input, valid, mutated or random.
/// </summary>
public sealed class Rfc9421DirectParserTests
{
    private const string Input = "sig1=(\"@method\" \"@authority\" \"@path\" \"@query\");created=1700000000;keyid=\"ak_k1\";nonce=\"n1\";alg=\"hmac-sha256\"";
    private const string Signature = "sig1=:dGhpcyBpcyBhIHRlc3Qgc2lnbmF0dXJlIHZhbHVlIQ==:";

    /// <summary>Shapes the direct path answers itself.</summary>
    public static TheoryData<string, string> Accepted() => new()
    {
        { Input, Signature },
        { "  " + Input, Signature + " \t" },
        { "sig1=(  \"@method\"   \"@path\" );created=1;keyid=\"k\"", "sig1=:AAAA:" },
        { "sig1=();created=1", "sig1=:AAAA:" },
        { "sig1=(\"@method\" \"content-digest\" \"x-custom\");created=0;expires=1700000300;tag=\"gw\";ext=?1;n=-0;s=\"x\";b=?0", "sig1=:AA==:" },
        { "sig1=(\"@target-uri\" \"@scheme\" \"@request-target\");created=1; keyid=\"k\"", "sig1=:AAA=:" },
        { "a=(\"@method\");created=1, b=(\"@path\");created=2", "b=:AAAA:,\ta=:BBBB:, c=:CCCC:" },
        { "sig1=(\"@method\");created=1;keyid=\"k\"", "other=:AAAA:, sig1=:AAAA:" },
    };

    /// <summary>Every reject path of the direct parse: null, and the general parser's answer stands.</summary>
    public static TheoryData<string, string, Rfc9421Error> Rejected() => new()
    {
        // Malformed dictionaries and lists.
        { "", Signature, Rfc9421Error.MalformedSignatureInput },
        { "Sig1=(\"@method\");created=1", Signature, Rfc9421Error.MalformedSignatureInput },
        { "sig1", Signature, Rfc9421Error.None },
        { "sig1=\"@method\"", Signature, Rfc9421Error.None },
        { "sig1=(\"@method\"", Signature, Rfc9421Error.MalformedSignatureInput },
        { "sig1=(\"@method\" ", Signature, Rfc9421Error.MalformedSignatureInput },
        { "sig1=(\"@method\"\"@path\");created=1", Signature, Rfc9421Error.MalformedSignatureInput },
        { "sig1=((\"@method\"));created=1", Signature, Rfc9421Error.MalformedSignatureInput },
        { "sig1=(method);created=1", Signature, Rfc9421Error.None },
        { "sig1=(1);created=1", Signature, Rfc9421Error.None },
        { "sig1=(\"@method\");created=1,", Signature, Rfc9421Error.MalformedSignatureInput },
        { "sig1=(\"@method\");created=1, ", Signature, Rfc9421Error.MalformedSignatureInput },
        { "sig1=(\"@method\");created=1 x", Signature, Rfc9421Error.MalformedSignatureInput },
        { "sig1=(\"@method\");created=1abc", Signature, Rfc9421Error.MalformedSignatureInput },
        { "sig1=(\"@method\") ;created=1", Signature, Rfc9421Error.MalformedSignatureInput },

        // Components the gateway does not accept.
        { "sig1=(\"\");created=1", Signature, Rfc9421Error.None },
        { "sig1=(\"Content-Type\");created=1", Signature, Rfc9421Error.None },
        { "sig1=(\"@signature-params\");created=1", Signature, Rfc9421Error.None },
        { "sig1=(\"@status\");created=1", Signature, Rfc9421Error.None },
        { "sig1=(\"@method\" \"@method\");created=1", Signature, Rfc9421Error.None },
        { "sig1=(\"content-type\";sf);created=1", Signature, Rfc9421Error.None },
        { "sig1=(\"a\\\"b\");created=1", Signature, Rfc9421Error.None },
        { "sig1=(\"caf\u00e9\");created=1", Signature, Rfc9421Error.MalformedSignatureInput },

        // Parameters: kinds, values, duplicates, escapes, oversize integers.
        { "sig1=(\"@method\");created", Signature, Rfc9421Error.None },
        { "sig1=(\"@method\");created=\"1\"", Signature, Rfc9421Error.None },
        { "sig1=(\"@method\");created=1.5", Signature, Rfc9421Error.None },
        { "sig1=(\"@method\");created=1.", Signature, Rfc9421Error.MalformedSignatureInput },
        { "sig1=(\"@method\");created=-1", Signature, Rfc9421Error.None },
        { "sig1=(\"@method\");created=-", Signature, Rfc9421Error.MalformedSignatureInput },
        { "sig1=(\"@method\");created=now", Signature, Rfc9421Error.None },
        { "sig1=(\"@method\");created=999999999999999", Signature, Rfc9421Error.None },
        { "sig1=(\"@method\");created=1234567890123456", Signature, Rfc9421Error.MalformedSignatureInput },
        { "sig1=(\"@method\");created=?2", Signature, Rfc9421Error.MalformedSignatureInput },
        { "sig1=(\"@method\");created=1;created=2", Signature, Rfc9421Error.None },
        { "sig1=(\"@method\");created=1;x=1;x=2", Signature, Rfc9421Error.None },
        { "sig1=(\"@method\");created=1;nonce=12", Signature, Rfc9421Error.None },
        { "sig1=(\"@method\");created=1;keyid=k1", Signature, Rfc9421Error.None },
        { "sig1=(\"@method\");created=1;tag=:AAAA:", Signature, Rfc9421Error.None },
        { "sig1=(\"@method\");created=1;alg=\"rsa-pss-sha512\"", Signature, Rfc9421Error.None },
        { "sig1=(\"@method\");created=1;alg=hmac-sha256", Signature, Rfc9421Error.None },
        { "sig1=(\"@method\");created=1;=1", Signature, Rfc9421Error.MalformedSignatureInput },

        // Labels: duplicates, missing signatures, too many members.
        { Input + ", " + Input, Signature, Rfc9421Error.DuplicateLabel },
        { Input, Signature + ", " + Signature, Rfc9421Error.DuplicateLabel },
        { "sig1=(\"@method\");created=1", "sig2=:AAAA:", Rfc9421Error.None },

        // Signature values.
        { Input, "", Rfc9421Error.MalformedSignature },
        { Input, "sig1=\"AAAA\"", Rfc9421Error.None },
        { Input, "sig1=(:AAAA:)", Rfc9421Error.None },
        { Input, "sig1=:not base64!:", Rfc9421Error.MalformedSignature },
        { Input, "sig1=:AAA:", Rfc9421Error.MalformedSignature },
        { Input, "sig1=:AAAA", Rfc9421Error.MalformedSignature },
        { Input, "sig1=:AA=A:", Rfc9421Error.MalformedSignature },
        { Input, "sig1=:AAAA:,", Rfc9421Error.MalformedSignature },
        { Input, "sig1=:AAAA: x", Rfc9421Error.MalformedSignature },
        { Input, "sig1", Rfc9421Error.None },
    };

    /// <summary>Legal shapes outside the direct path's subset: left to the general parser, which accepts them.</summary>
    public static TheoryData<string, string> OutsideTheSubset() => new()
    {
        { "sig1=(\"@method\");created=1;nonce=\"a\\\\b\"", Signature },
        { "sig1=(\"@method\");created=1;ext=1.25", Signature },
        { "sig1=(\"@method\");created=1;ext=tok", Signature },
        { "sig1=(\"@method\");created=1;ext=:AAAA:", Signature },
        { "sig1=(\"@method\");created=1;p1;p2;p3;p4;p5;p6;p7;p8", Signature },
        { "a=();created=1, b=();created=1, c=();created=1, d=();created=1, e=();created=1", "a=:AAAA:, b=:AAAA:, c=:AAAA:, d=:AAAA:, e=:AAAA:" },
        { Input, "sig1=:AAAA:, a=:AAAA:, b=:AAAA:, c=:AAAA:, d=:AAAA:" },
        { Input, "sig1=::" },
        { Input, "sig1=:AAAA:;p=1" },
        { Input, "sig1=:AAAA:, other=?1" },
    };

    [Theory]
    [MemberData(nameof(OutsideTheSubset))]
    public void OutsideTheSubset_LeftToTheGeneralParser_WhichAcceptsIt(string signatureInput, string signature)
    {
        Assert.Null(Rfc9421DirectParser.TryParse(signatureInput, signature));

        var parsed = Rfc9421Parser.Parse(signatureInput, signature);
        Assert.Equal(Rfc9421Error.None, parsed.TrySelect(null, out _));
        AssertSame(Rfc9421Parser.ParseGeneral(signatureInput, signature), parsed);
    }

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Accepted_AnsweredDirectly_AsTheGeneralParserAnswers(string signatureInput, string signature)
    {
        var direct = Rfc9421DirectParser.TryParse(signatureInput, signature);

        Assert.NotNull(direct);
        var general = Rfc9421Parser.ParseGeneral(signatureInput, signature);
        Assert.Equal(Rfc9421Error.None, general.Error);
        Assert.All(general.Signatures, s => Assert.True(s.IsValid, s.Error.ToString()));
        AssertSame(general, direct);
    }

    [Theory]
    [MemberData(nameof(Rejected))]
    public void Rejected_LeftToTheGeneralParser_WhoseAnswerStands(string signatureInput, string signature, Rfc9421Error headerError)
    {
        Assert.Null(Rfc9421DirectParser.TryParse(signatureInput, signature));

        var general = Rfc9421Parser.ParseGeneral(signatureInput, signature);
        Assert.Equal(headerError, general.Error);
        // Every one of these is refused: a header-level error, or a failing signature for the first label.
        Assert.NotEqual(Rfc9421Error.None, general.TrySelect(general.Signatures.Count > 0 ? general.Signatures[0].Label : null, out _));
        AssertSame(general, Rfc9421Parser.Parse(signatureInput, signature));
    }

    [Theory]
    [MemberData(nameof(Accepted))]
    [MemberData(nameof(OutsideTheSubset))]
    public void ParseFirst_SelectsWhatTheLabelLessSelectionOfTheFullParseSelects(string signatureInput, string signature) =>
        AssertParseFirstSelectsAsTrySelect(Rfc9421Parser.ParseGeneral(signatureInput, signature), signatureInput, signature);

    [Theory]
    [MemberData(nameof(Rejected))]
    public void ParseFirst_OnARejectedShape_AnswersTheGeneralParsersError(string signatureInput, string signature, Rfc9421Error headerError)
    {
        _ = headerError;
        AssertParseFirstSelectsAsTrySelect(Rfc9421Parser.ParseGeneral(signatureInput, signature), signatureInput, signature);
    }

    [Fact]
    public void TooManyComponents_LeftToTheGeneralParser()
    {
        var components = string.Join(' ', Enumerable.Range(0, Rfc9421DirectParser.MaxComponents + 1).Select(i => $"\"x-h{i}\""));
        var input = $"sig1=({components});created=1";

        Assert.Null(Rfc9421DirectParser.TryParse(input, "sig1=:AAAA:"));
        var parsed = Rfc9421Parser.Parse(input, "sig1=:AAAA:");
        Assert.Equal(Rfc9421Error.None, parsed.TrySelect(null, out var selected));
        Assert.Equal(Rfc9421DirectParser.MaxComponents + 1, selected!.Components.Count);
    }

    [Fact]
    public void B25Vector_AnsweredDirectly_AndVerifies()
    {
        var vector = Rfc9421B25Vector.Load();

        var direct = Rfc9421DirectParser.TryParse(vector.SignatureInput, vector.Signature);

        Assert.NotNull(direct);
        AssertSame(Rfc9421Parser.ParseGeneral(vector.SignatureInput, vector.Signature), direct);
        Assert.Equal(Rfc9421Error.None, direct.TrySelect("sig-b25", out var signature));
        Assert.Equal(Rfc9421Error.None, Rfc9421Verifier.Verify(vector.Request.Request, signature!, vector.Key));
    }

    [Fact]
    public void SignedHeaders_Mutated_DirectNeverDiffersFromGeneral()
    {
        var request = new SignableRequest("POST", "https", "example.com", "/a", "?x=1");
        request.AddHeader("Content-Digest", "sha-256=:RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=:");
        var headers = Rfc9421Signer.Sign(
            request,
            new Rfc9421SigningParameters
            {
                KeyId = "ak_k1",
                Components = ["@method", "@authority", "@path", "@query", "content-digest"],
                Created = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000),
                Expires = DateTimeOffset.FromUnixTimeSeconds(1_700_000_300),
                Nonce = "n",
                Tag = "gw",
            },
            "secret");
        const string substitutes = "\"();,=: a0\\\t*?-.é\u0000";
        var directCount = 0;
        foreach (var (input, signature) in Mutations(headers.SignatureInput, headers.Signature, substitutes))
        {
            directCount += CompareBoth(input, signature);
        }

        Assert.True(directCount > 10, $"only {directCount} mutations were answered directly");
    }

    [Fact]
    public void RandomGarbage_DirectNeverDiffersFromGeneral()
    {
        var random = new Random(9421);
        const string alphabet = "sig1=()\";:,*?-_.0123456789abcXYZ+/ \t\\@é\u0001";
        for (var i = 0; i < 5000; i++)
        {
            var input = "sig1=(" + new string(Enumerable.Range(0, random.Next(0, 40)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            var signature = "sig1=:" + new string(Enumerable.Range(0, random.Next(0, 12)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            CompareBoth(input, signature);
        }
    }

    [Fact]
    public void Parse_ASignedRequestsHeaders_AllocatesOnlyTheResult()
    {
        var request = new SignableRequest("GET", "http", "gateway.example:8080", "/echo/items/42", "?color=red&i=12345");
        request.AddHeader(Rfc9421Constants.SignatureInputHeader, Input);
        request.AddHeader(Rfc9421Constants.SignatureHeader, Signature);
        for (var i = 0; i < 100; i++)
        {
            Rfc9421Parser.Parse(request);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        Rfc9421Parser.Parse(request);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // The result: parse result, signature array, signature and signature bytes (the component array is the last
        // parse's, the nonce, key id and @signature-params are read from the header). The general path allocated over
        // 1.5 KB for the same headers.
        Assert.InRange(allocated, 1, 320);

        // What the gateway calls: the signature and its bytes only — no parse result, no array of one.
        for (var i = 0; i < 100; i++)
        {
            Rfc9421Parser.ParseFirst(request, out _);
        }

        before = GC.GetAllocatedBytesForCurrentThread();
        var error = Rfc9421Parser.ParseFirst(request, out var first);
        var allocatedFirst = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(Rfc9421Error.None, error);
        Assert.NotNull(first);
        Assert.InRange(allocatedFirst, 1, allocated - 56);
    }

    [Fact]
    public void ComponentLists_AlternatingBetweenSignatures_EachParsesAsItsOwn()
    {
        // The direct parse reuses the last component array when a signature covers the same components: alternating,
        // longer, shorter and reordered lists right after one another must each parse as the general parser does.
        var inputs = new[]
        {
            Input,
            Input,
            "sig1=(\"@method\" \"@authority\" \"@path\");created=1;keyid=\"k\";nonce=\"n\"",
            Input,
            "sig1=(\"@method\" \"@authority\" \"@path\" \"@query\" \"content-digest\");created=1;nonce=\"n\"",
            "sig1=(\"@authority\" \"@method\" \"@path\" \"@query\");created=1;nonce=\"n\"",
            "sig1=(\"@method\" \"@authority\" \"@path\" \"x-custom\");created=1;nonce=\"n\"",
            "sig1=(\"@method\" \"@authority\" \"@path\" \"x-other\");created=1;nonce=\"n\"",
            "sig1=();created=1",
            Input,
        };
        foreach (var input in inputs)
        {
            var direct = Rfc9421DirectParser.TryParse(input, Signature);
            Assert.NotNull(direct);
            AssertSame(Rfc9421Parser.ParseGeneral(input, Signature), direct);
        }
    }

    /// <summary>Parses with both paths; 1 when the direct path answered (then identically), else 0.</summary>
    private static int CompareBoth(string input, string signature)
    {
        var direct = Rfc9421DirectParser.TryParse(input, signature);
        var general = Rfc9421Parser.ParseGeneral(input, signature);
        AssertSame(general, Rfc9421Parser.Parse(input, signature));
        AssertParseFirstSelectsAsTrySelect(general, input, signature);
        if (direct is null)
        {
            return 0;
        }

        Assert.Equal(Rfc9421Error.None, general.Error);
        AssertSame(general, direct);
        return 1;
    }

    /// <summary>
    /// <see cref="Rfc9421Parser.ParseFirst"/> (what the gateway calls) answers what the general parse's label-less
    /// <see cref="Rfc9421ParseResult.TrySelect"/> answers: the same error, and the same signature or none.
    /// </summary>
    private static void AssertParseFirstSelectsAsTrySelect(Rfc9421ParseResult general, string input, string signature)
    {
        var request = new SignableRequest("GET", "http", "gateway.example", "/", "");
        request.AddHeader(Rfc9421Constants.SignatureInputHeader, input);
        request.AddHeader(Rfc9421Constants.SignatureHeader, signature);
        Rfc9421Signature? selected = null;
        var expected = general.Error != Rfc9421Error.None ? general.Error : general.TrySelect(null, out selected);

        Assert.Equal(expected, Rfc9421Parser.ParseFirst(request, out var first));
        if (selected is null)
        {
            Assert.Null(first);
        }
        else
        {
            AssertSameSignature(selected, first!);
        }
    }

    private static IEnumerable<(string Input, string Signature)> Mutations(string input, string signature, string substitutes)
    {
        for (var i = 0; i < input.Length; i++)
        {
            yield return (input[..i], signature);
            yield return (input.Remove(i, 1), signature);
            foreach (var c in substitutes.Where(c => c != input[i]))
            {
                yield return (input[..i] + c + input[(i + 1)..], signature);
            }
        }

        for (var i = 0; i < signature.Length; i++)
        {
            yield return (input, signature[..i]);
            foreach (var c in substitutes.Where(c => c != signature[i]))
            {
                yield return (input, signature[..i] + c + signature[(i + 1)..]);
            }
        }
    }

    private static void AssertSame(Rfc9421ParseResult expected, Rfc9421ParseResult actual)
    {
        Assert.Equal(expected.Error, actual.Error);
        Assert.Equal(expected.Signatures.Count, actual.Signatures.Count);
        for (var i = 0; i < expected.Signatures.Count; i++)
        {
            AssertSameSignature(expected.Signatures[i], actual.Signatures[i]);
        }
    }

    private static void AssertSameSignature(Rfc9421Signature e, Rfc9421Signature a)
    {
        {
            Assert.Equal(e.Label, a.Label);
            Assert.Equal(e.Error, a.Error);
            Assert.Equal(e.Components.Select(c => c.Name), a.Components.Select(c => c.Name));
            Assert.Equal(e.Components.Select(c => c.Identifier), a.Components.Select(c => c.Identifier));
            Assert.Equal(e.SignatureParameters, a.SignatureParameters);
            Assert.Equal(e.SignatureBytes.ToArray(), a.SignatureBytes.ToArray());
            Assert.Equal(e.Created, a.Created);
            Assert.Equal(e.Expires, a.Expires);
            // The characters the gateway reads (no strings) first, then the strings made from them on demand.
            Assert.Equal(e.Nonce ?? "", a.NonceMemory.ToString());
            Assert.Equal(e.KeyId ?? "", a.KeyIdMemory.ToString());
            Assert.Equal(e.NonceMemory.ToString(), a.NonceMemory.ToString());
            Assert.Equal(e.KeyIdMemory.ToString(), a.KeyIdMemory.ToString());
            Assert.Equal(e.Nonce, a.Nonce);
            Assert.Equal(e.KeyId, a.KeyId);
            Assert.Equal(e.Algorithm, a.Algorithm);
            Assert.Equal(e.Tag, a.Tag);
        }
    }
}
