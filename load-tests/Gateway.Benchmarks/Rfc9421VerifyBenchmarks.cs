using System.Text;
using BenchmarkDotNet.Attributes;
using Gateway.Signing;
using Gateway.Signing.Rfc9421;

namespace Gateway.Benchmarks;

/// <summary>
/// RFC 9421 verification of a prepared bodiless GET signed like Gateway.Client signs it: <c>@method</c>,
/// <c>@authority</c>, <c>@path</c>, <c>@query</c>, with <c>created</c>, <c>nonce</c>, <c>keyid</c> and <c>alg</c>.
/// </summary>
[MemoryDiagnoser]
public class Rfc9421VerifyBenchmarks
{
    private SignableRequest _request = null!;
    private byte[] _key = null!;
    private HmacSha256Key _preparedKey = null!;
    private Rfc9421Signature _signature = null!;

    /// <summary>Signs the request once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _key = Encoding.UTF8.GetBytes(BenchmarkData.HmacSecret);
        _preparedKey = new HmacSha256Key(_key);
        _request = new SignableRequest("GET", "http", BenchmarkData.Authority, BenchmarkData.Path, BenchmarkData.Query);
        var headers = Rfc9421Signer.Sign(_request, new Rfc9421SigningParameters
        {
            KeyId = "ak_aH1NXY2aPJATzsIy",
            Components = [Rfc9421Components.Method, Rfc9421Components.Authority, Rfc9421Components.Path, Rfc9421Components.Query],
            Created = BenchmarkData.SignedAt,
            Nonce = "cT3lH8t0tKx3kR9aZQmLxw",
        }, _key);
        _request.AddHeader(Rfc9421Constants.SignatureInputHeader, headers.SignatureInput);
        _request.AddHeader(Rfc9421Constants.SignatureHeader, headers.Signature);
        _signature = Parse()!;
        if (Rfc9421Verifier.Verify(_request, _signature, _key) != Rfc9421Error.None)
        {
            throw new InvalidOperationException("The prepared RFC 9421 request does not verify.");
        }
    }

    /// <summary>
    /// <c>Rfc9421Parser.Parse</c> + <c>TrySelect</c> + <c>Rfc9421Verifier.Verify</c> with the secret prepared as an
    /// <see cref="HmacSha256Key"/>, as the gateway verifies (the key is kept with the cached credential).
    /// </summary>
    [Benchmark(Baseline = true)]
    public Rfc9421Error ParseAndVerify() =>
        Parse() is { } signature ? Rfc9421Verifier.Verify(_request, signature, _preparedKey) : Rfc9421Error.MalformedSignatureInput;

    /// <summary>Parsing the two headers alone (RFC 8941 dictionaries, components, parameters).</summary>
    [Benchmark]
    public Rfc9421Signature? Parse() =>
        Rfc9421Parser.Parse(_request).TrySelect(null, out var signature) == Rfc9421Error.None ? signature : null;

    /// <summary>Signature base + HMAC (prepared key) + fixed-time compare alone, on an already parsed signature.</summary>
    [Benchmark]
    public Rfc9421Error Verify() => Rfc9421Verifier.Verify(_request, _signature, _preparedKey);

    /// <summary>As <see cref="Verify"/>, keying the HMAC afresh from the raw key bytes (one-shot HMAC).</summary>
    [Benchmark]
    public Rfc9421Error VerifyRawKey() => Rfc9421Verifier.Verify(_request, _signature, _key);
}
