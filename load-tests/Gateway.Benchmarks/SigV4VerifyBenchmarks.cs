using BenchmarkDotNet.Attributes;
using Gateway.Signing;
using Gateway.Signing.SigV4;

namespace Gateway.Benchmarks;

/// <summary>
/// AWS SigV4 verification of a prepared bodiless GET signed like Gateway.Client signs it: <c>host</c>,
/// <c>x-amz-content-sha256</c> and <c>x-amz-date</c> signed, payload hash sent.
/// </summary>
[MemoryDiagnoser]
public class SigV4VerifyBenchmarks
{
    private SignableRequest _request = null!;
    private string _payloadHash = null!;
    private SigV4ParseResult _parsed = null!;
    private HmacSha256Key _signingKey = null!;

    /// <summary>Signs the request once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _payloadHash = SigV4Payload.ComputeHash([]);
        _request = new SignableRequest("GET", "http", BenchmarkData.Authority, BenchmarkData.Path, BenchmarkData.Query);
        _request.AddHeader("Host", BenchmarkData.Authority);
        _request.AddHeader(SigV4Constants.AmzDateHeader, SigV4Signer.FormatAmzDate(BenchmarkData.SignedAt));
        _request.AddHeader(SigV4Constants.ContentSha256Header, _payloadHash);
        var authorization = SigV4Signer.CreateAuthorization(_request, new SigV4SigningParameters
        {
            AccessKeyId = "ak_aH1NXY2aPJATzsIy",
            Secret = BenchmarkData.HmacSecret,
            Region = SigV4Constants.DefaultRegion,
            Service = SigV4Constants.DefaultService,
        }, _payloadHash);
        _request.AddHeader(SigV4Constants.AuthorizationHeader, authorization);
        _parsed = SigV4Parser.Parse(_request);
        var derived = new byte[32];
        var scope = _parsed.Authorization!.Credential;
        SigV4Canonicalizer.DeriveSigningKey(BenchmarkData.HmacSecret, scope.DateStamp, scope.Region, scope.Service, derived);
        _signingKey = new HmacSha256Key(derived);
        if (ParseAndVerify() != SigV4Error.None || VerifyDerivingKey() != SigV4Error.None)
        {
            throw new InvalidOperationException("The prepared SigV4 request does not verify.");
        }
    }

    /// <summary>
    /// <c>SigV4Parser.Parse</c> + <c>SigV4Verifier.VerifyWithSigningKey</c> with the derived signing key cached and
    /// prepared as an <see cref="HmacSha256Key"/>, as the gateway verifies (per key and scope, kept with the credential).
    /// </summary>
    [Benchmark(Baseline = true)]
    public SigV4Error ParseAndVerify() =>
        SigV4Verifier.VerifyWithSigningKey(_request, SigV4Parser.Parse(_request), _payloadHash, _signingKey);

    /// <summary>Parsing <c>Authorization</c> and <c>X-Amz-Date</c> alone.</summary>
    [Benchmark]
    public SigV4ParseResult Parse() => SigV4Parser.Parse(_request);

    /// <summary>Canonical request, string to sign and the final HMAC (cached signing key) alone.</summary>
    [Benchmark]
    public SigV4Error Verify() => SigV4Verifier.VerifyWithSigningKey(_request, _parsed, _payloadHash, _signingKey);

    /// <summary>As <see cref="Verify"/>, deriving the signing key from the secret string first (four more HMACs).</summary>
    [Benchmark]
    public SigV4Error VerifyDerivingKey() => SigV4Verifier.Verify(_request, _parsed, _payloadHash, BenchmarkData.HmacSecret);
}
