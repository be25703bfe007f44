using Gateway.Signing.SigV4;

namespace Gateway.Signing.Tests.SigV4;

public sealed class SigV4ParserTests
{
    private const string Signature = "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";
    private const string Credential = "Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request";
    private const string Valid = "AWS4-HMAC-SHA256 " + Credential + ", SignedHeaders=host;x-amz-date, Signature=" + Signature;

    public static TheoryData<string?, SigV4Error> Failures() => new()
    {
        { null, SigV4Error.MissingAuthorization },
        { "", SigV4Error.MalformedAuthorization },
        { "Bearer gwk_abc", SigV4Error.NotSigV4 },
        { "AWS4-HMAC-SHA512 " + Credential, SigV4Error.NotSigV4 },
        { "AWS4-HMAC-SHA256", SigV4Error.MalformedAuthorization },
        { "AWS4-HMAC-SHA256 ", SigV4Error.MalformedAuthorization },
        { "Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request", SigV4Error.MalformedAuthorization },
        { "AWS4-HMAC-SHA256 SignedHeaders=host;x-amz-date, Signature=" + Signature, SigV4Error.MissingCredential },
        { "AWS4-HMAC-SHA256 " + Credential + ", Signature=" + Signature, SigV4Error.MissingSignedHeaders },
        { "AWS4-HMAC-SHA256 " + Credential + ", SignedHeaders=host;x-amz-date", SigV4Error.MissingSignature },
        { Valid + ",", SigV4Error.MalformedAuthorization },
        { Valid + ", Foo=bar", SigV4Error.MalformedAuthorization },
        { Valid + ", " + Credential, SigV4Error.MalformedAuthorization },
        { "AWS4-HMAC-SHA256 " + Credential + ", SignedHeaders, Signature=" + Signature, SigV4Error.MalformedAuthorization },
        { "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service, SignedHeaders=host;x-amz-date, Signature=" + Signature, SigV4Error.MalformedCredential },
        { "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request/x, SignedHeaders=host;x-amz-date, Signature=" + Signature, SigV4Error.MalformedCredential },
        { "AWS4-HMAC-SHA256 Credential=/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + Signature, SigV4Error.MalformedCredential },
        { "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830//service/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + Signature, SigV4Error.MalformedCredential },
        { "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/2015083/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + Signature, SigV4Error.InvalidCredentialDate },
        { "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20151330/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + Signature, SigV4Error.InvalidCredentialDate },
        { "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/2015-8-30/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + Signature, SigV4Error.InvalidCredentialDate },
        { "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws5_request, SignedHeaders=host;x-amz-date, Signature=" + Signature, SigV4Error.InvalidCredentialTerminator },
        { "AWS4-HMAC-SHA256 " + Credential + ", SignedHeaders=, Signature=" + Signature, SigV4Error.MalformedSignedHeaders },
        { "AWS4-HMAC-SHA256 " + Credential + ", SignedHeaders=x-amz-date;host, Signature=" + Signature, SigV4Error.MalformedSignedHeaders },
        { "AWS4-HMAC-SHA256 " + Credential + ", SignedHeaders=Host;x-amz-date, Signature=" + Signature, SigV4Error.MalformedSignedHeaders },
        { "AWS4-HMAC-SHA256 " + Credential + ", SignedHeaders=host;;x-amz-date, Signature=" + Signature, SigV4Error.MalformedSignedHeaders },
        { "AWS4-HMAC-SHA256 " + Credential + ", SignedHeaders=host;host;x-amz-date, Signature=" + Signature, SigV4Error.MalformedSignedHeaders },
        { "AWS4-HMAC-SHA256 " + Credential + ", SignedHeaders=host;x amz, Signature=" + Signature, SigV4Error.MalformedSignedHeaders },
        { "AWS4-HMAC-SHA256 " + Credential + ", SignedHeaders=host;x-amz-date, Signature=" + "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf3", SigV4Error.MalformedSignature },
        { "AWS4-HMAC-SHA256 " + Credential + ", SignedHeaders=host;x-amz-date, Signature=" + Signature + "1", SigV4Error.MalformedSignature },
        { "AWS4-HMAC-SHA256 " + Credential + ", SignedHeaders=host;x-amz-date, Signature=" + "gfa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", SigV4Error.MalformedSignature },
        { "AWS4-HMAC-SHA256 " + Credential + ", SignedHeaders=host;x-amz-date, Signature=", SigV4Error.MalformedSignature },
    };

    [Fact]
    public void ParseAuthorization_Valid_ExposesParts()
    {
        var result = SigV4Parser.ParseAuthorization(Valid);

        Assert.Equal(SigV4Error.None, result.Error);
        var authorization = result.Authorization!;
        Assert.Equal("AKIDEXAMPLE", authorization.Credential.AccessKeyId);
        Assert.Equal(new DateOnly(2015, 8, 30), authorization.Credential.Date);
        Assert.Equal("us-east-1", authorization.Credential.Region);
        Assert.Equal("service", authorization.Credential.Service);
        Assert.Equal("20150830/us-east-1/service/aws4_request", authorization.Credential.Scope);
        Assert.Equal(["host", "x-amz-date"], authorization.SignedHeaders);
        Assert.Equal(Signature, authorization.SignatureHex);
        Assert.Null(result.RequestTime);
    }

    [Theory]
    [InlineData("AWS4-HMAC-SHA256 " + Credential + ",SignedHeaders=host;x-amz-date,Signature=" + Signature)]
    [InlineData("  AWS4-HMAC-SHA256   " + Credential + ",   SignedHeaders=host;x-amz-date,  Signature=" + Signature + " ")]
    [InlineData("AWS4-HMAC-SHA256 Signature=" + Signature + ", " + Credential + ", SignedHeaders=host;x-amz-date")]
    [InlineData("AWS4-HMAC-SHA256 " + Credential + ", SignedHeaders=host;x-amz-date, Signature=5FA00FA31553B73EBF1942676E86291E8372FF2A2260956D9B8AAE1D763FBF31")]
    public void ParseAuthorization_ToleratedVariants_Succeed(string header)
    {
        var result = SigV4Parser.ParseAuthorization(header);

        Assert.Equal(SigV4Error.None, result.Error);
        Assert.Equal(Signature, result.Authorization!.SignatureHex);
    }

    [Theory]
    [InlineData(Valid, true)]
    [InlineData("AWS4-HMAC-SHA256 Signature=" + Signature + ", " + Credential + ", SignedHeaders=host;x-amz-date", true)]
    [InlineData("AWS4-HMAC-SHA256 " + Credential + ", SignedHeaders=host;x-amz-date, Signature=5FA00FA31553B73EBF1942676E86291E8372FF2A2260956D9B8AAE1D763FBF31", false)]
    [InlineData("AWS4-HMAC-SHA256 " + Credential + ", SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbF31", false)]
    public void ParseAuthorization_TheReplayKeyAndKeyIdAsCharacters_AreTheLowercaseHexAndTheKeyId_SharedWithTheHeaderOnlyWhenLowercase(string header, bool sharesHeader)
    {
        var authorization = SigV4Parser.ParseAuthorization(header).Authorization!;

        // The characters the nonce store and the key lookup read equal the strings earlier versions handed out.
        Assert.Equal(Signature, authorization.SignatureHexMemory.ToString());
        Assert.Equal(Signature, authorization.SignatureHex);
        Assert.Equal("AKIDEXAMPLE", authorization.Credential.AccessKeyIdMemory.ToString());
        Assert.Equal("AKIDEXAMPLE", authorization.Credential.AccessKeyId);
        Assert.True(header.AsSpan().Overlaps(authorization.Credential.AccessKeyIdMemory.Span));
        Assert.Equal(sharesHeader, header.AsSpan().Overlaps(authorization.SignatureHexMemory.Span));
    }

    [Fact]
    public void ParseAuthorization_SignedHeaderLists_AlternatingWithNearMisses_EachParsesAsItsOwn()
    {
        // The parser reuses the last list when a header names the same headers: a different, longer, shorter or
        // invalid list right after must never be answered with it.
        static string With(string signedHeaders) => "AWS4-HMAC-SHA256 " + Credential + ", SignedHeaders=" + signedHeaders + ", Signature=" + Signature;
        var cases = new (string List, string[]? Expected)[]
        {
            ("host;x-amz-date", ["host", "x-amz-date"]),
            ("host;x-amz-date", ["host", "x-amz-date"]),
            ("host;x-amz-content-sha256;x-amz-date", ["host", "x-amz-content-sha256", "x-amz-date"]),
            ("host;x-amz-date", ["host", "x-amz-date"]),
            ("host", ["host"]),
            ("host;x-amz-date;zz", ["host", "x-amz-date", "zz"]),
            ("host;x-amz-date;", null),
            ("host;;x-amz-date", null),
            ("host;X-amz-date", null),
            ("x-amz-date;host", null),
            ("host;x-amz-date", ["host", "x-amz-date"]),
        };
        foreach (var (list, expected) in cases)
        {
            var result = SigV4Parser.ParseAuthorization(With(list));
            if (expected is null)
            {
                Assert.Equal(SigV4Error.MalformedSignedHeaders, result.Error);
            }
            else
            {
                Assert.Equal(SigV4Error.None, result.Error);
                Assert.Equal(expected, result.Authorization!.SignedHeaders);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Failures))]
    public void ParseAuthorization_Invalid_ReturnsReason(string? header, SigV4Error expected)
    {
        var result = SigV4Parser.ParseAuthorization(header);

        Assert.Equal(expected, result.Error);
        Assert.Null(result.Authorization);
    }

    [Theory]
    [InlineData(null, SigV4Error.MissingDate)]
    [InlineData("2015-08-30T12:36:00Z", SigV4Error.InvalidDate)]
    [InlineData("20150830T123600", SigV4Error.InvalidDate)]
    [InlineData("20150830T126000Z", SigV4Error.InvalidDate)]
    [InlineData("20150830T123600+01", SigV4Error.InvalidDate)]
    [InlineData("20150831T003600Z", SigV4Error.DateScopeMismatch)]
    [InlineData("20150830T123600Z", SigV4Error.None)]
    public void Parse_AmzDate(string? amzDate, SigV4Error expected)
    {
        var request = new SignableRequest("GET", "https", "example.amazonaws.com", "/");
        request.AddHeader("Authorization", Valid);
        if (amzDate is not null)
        {
            request.AddHeader("X-Amz-Date", amzDate);
        }

        var result = SigV4Parser.Parse(request);

        Assert.Equal(expected, result.Error);
        Assert.Equal(expected == SigV4Error.None ? new DateTimeOffset(2015, 8, 30, 12, 36, 0, TimeSpan.Zero) : null, result.RequestTime);
    }

    [Theory]
    [InlineData("x-amz-date", SigV4Error.HostNotSigned)]
    [InlineData("host", SigV4Error.DateNotSigned)]
    [InlineData("content-type;host", SigV4Error.DateNotSigned)]
    public void Parse_RequiredSignedHeadersMissing_ReturnsReason(string signedHeaders, SigV4Error expected)
    {
        var request = new SignableRequest("GET", "https", "example.amazonaws.com", "/");
        request.AddHeader("Authorization", "AWS4-HMAC-SHA256 " + Credential + ", SignedHeaders=" + signedHeaders + ", Signature=" + Signature);
        request.AddHeader("X-Amz-Date", "20150830T123600Z");

        Assert.Equal(expected, SigV4Parser.Parse(request).Error);
    }

    [Fact]
    public void Parse_NoAuthorization_IsMissing_AndTwoLinesAreMalformed()
    {
        var request = new SignableRequest("GET", "https", "example.amazonaws.com", "/");
        Assert.Equal(SigV4Error.MissingAuthorization, SigV4Parser.Parse(request).Error);

        request.AddHeader("Authorization", Valid);
        request.AddHeader("Authorization", Valid);
        Assert.Equal(SigV4Error.MalformedAuthorization, SigV4Parser.Parse(request).Error);
    }

    [Fact]
    public void ParseAuthorization_RandomGarbage_NeverThrows()
    {
        var random = new Random(4);
        const string alphabet = "AWS4-HMAC-SHA256 Credential=/;,abcdef0123456789 \tSignedHeadersSignature=é";
        for (var i = 0; i < 5000; i++)
        {
            var header = "AWS4-HMAC-SHA256 " + new string(Enumerable.Range(0, random.Next(0, 120)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());

            var exception = Record.Exception(() => SigV4Parser.ParseAuthorization(header));

            Assert.Null(exception);
        }
    }
}
