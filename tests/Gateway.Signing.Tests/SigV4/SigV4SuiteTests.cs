using System.Text;
using Gateway.Signing.SigV4;
using Gateway.Signing.Tests.TestSupport;

namespace Gateway.Signing.Tests.SigV4;

/// <summary>Every case of the AWS SigV4 test suite in Vectors/sigv4/suite, byte for byte.</summary>
public sealed class SigV4SuiteTests
{
    private const string AccessKeyId = "AKIDEXAMPLE";
    private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private const string Region = "us-east-1";
    private const string Service = "service";
    private const string Scope = "20150830/us-east-1/service/aws4_request";

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(VectorPaths.SigV4Suite, "*.req", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(VectorPaths.SigV4Suite, file[..^4]).Replace('\\', '/'));
        }

        return data;
    }

    [Fact]
    public void Suite_ContainsEveryCase()
    {
        var cases = Directory.EnumerateFiles(VectorPaths.SigV4Suite, "*.req", SearchOption.AllDirectories).ToList();

        Assert.Equal(31, cases.Count);
        Assert.Contains(cases, c => c.Contains("normalize-path", StringComparison.Ordinal));
        Assert.Contains(cases, c => c.Contains("post-sts-token", StringComparison.Ordinal));
    }

    [Fact]
    public void DeriveSigningKey_MatchesSuiteKey()
    {
        Span<byte> key = stackalloc byte[32];

        SigV4Canonicalizer.DeriveSigningKey(Secret, "20150830", Region, Service, key);

        Assert.Equal("938127b5336810ddb6a5d6af445fcac9e371f9ed418ed386b022aed82901be75", Convert.ToHexStringLower(key));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void CanonicalRequest_MatchesCreq(string name)
    {
        var (file, signedHeaders, payloadHash) = Load(name);

        var error = SigV4Canonicalizer.TryBuildCanonicalRequest(file.Request, signedHeaders, payloadHash, SigV4PathMode.Normalized, out var canonical);

        Assert.Equal(SigV4Error.None, error);
        Assert.Equal(Read(name, "creq"), canonical);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void StringToSign_MatchesSts(string name)
    {
        var (file, signedHeaders, payloadHash) = Load(name);
        SigV4Canonicalizer.TryBuildCanonicalRequest(file.Request, signedHeaders, payloadHash, SigV4PathMode.Normalized, out var canonical);
        file.Request.TryGetHeader("X-Amz-Date", out var amzDate);

        var stringToSign = SigV4Canonicalizer.BuildStringToSign(amzDate.ToString(), Scope, canonical!);

        Assert.Equal(Read(name, "sts"), stringToSign);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Authorization_MatchesAuthz(string name)
    {
        var (file, signedHeaders, payloadHash) = Load(name);
        var parameters = new SigV4SigningParameters
        {
            AccessKeyId = AccessKeyId,
            Secret = Secret,
            Region = Region,
            Service = Service,
            SignedHeaders = signedHeaders,
        };

        var authorization = SigV4Signer.CreateAuthorization(file.Request, parameters, payloadHash);

        Assert.Equal(Read(name, "authz"), authorization);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SignedRequest_Verifies(string name)
    {
        var file = HttpRequestFile.Load(CasePath(name, "sreq"));
        var parsed = SigV4Parser.Parse(file.Request);

        Assert.Equal(SigV4Error.None, parsed.Error);
        Assert.Equal(AccessKeyId, parsed.Authorization!.Credential.AccessKeyId);
        Assert.Equal(new DateTimeOffset(2015, 8, 30, 12, 36, 0, TimeSpan.Zero), parsed.RequestTime);
        Assert.Equal(SigV4Error.None, SigV4Verifier.Verify(file.Request, parsed, SigV4Payload.ComputeHash(file.Body), Secret));
        Assert.Equal(SigV4Error.SignatureMismatch, SigV4Verifier.Verify(file.Request, parsed, SigV4Payload.ComputeHash(file.Body), Secret + "x"));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SignedRequest_VerifiesWithAPrederivedSigningKey(string name)
    {
        var file = HttpRequestFile.Load(CasePath(name, "sreq"));
        var parsed = SigV4Parser.Parse(file.Request);
        var scope = parsed.Authorization!.Credential;
        var key = new byte[32];
        SigV4Canonicalizer.DeriveSigningKey(Secret, scope.DateStamp, scope.Region, scope.Service, key);
        var wrong = new byte[32];
        SigV4Canonicalizer.DeriveSigningKey(Secret, "20150831", scope.Region, scope.Service, wrong);

        Assert.Equal(SigV4Error.None, SigV4Verifier.VerifyWithSigningKey(file.Request, parsed, SigV4Payload.ComputeHash(file.Body), key));
        Assert.Equal(SigV4Error.SignatureMismatch, SigV4Verifier.VerifyWithSigningKey(file.Request, parsed, SigV4Payload.ComputeHash(file.Body), wrong));
    }

    private static (HttpRequestFile File, string[] SignedHeaders, string PayloadHash) Load(string name)
    {
        var file = HttpRequestFile.Load(CasePath(name, "req"));
        var signedHeaders = file.HeaderNames.Select(h => h.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal).ToArray();
        return (file, signedHeaders, SigV4Payload.ComputeHash(file.Body));
    }

    private static string Read(string name, string extension) => File.ReadAllText(CasePath(name, extension), Encoding.UTF8);

    private static string CasePath(string name, string extension) =>
        Path.Combine(VectorPaths.SigV4Suite, name + "." + extension);
}
