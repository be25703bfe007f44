using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;

namespace Gateway.Benchmarks;

/// <summary>
/// What one HMAC-SHA-256 of a 70-byte bearer token costs as the gateway computes it (the one-shot
/// <see cref="HMACSHA256.HashData(ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte})"/>, which sets the key up on
/// every call) against a keyed <see cref="IncrementalHash"/> reused across calls. Evidence for docs/PERFORMANCE.md;
/// not a change to the gateway.
/// </summary>
[MemoryDiagnoser]
public class HmacBenchmarks
{
    private readonly byte[] _hash = new byte[HMACSHA256.HashSizeInBytes];
    private byte[] _key = null!;
    private byte[] _token = null!;
    private IncrementalHash _keyed = null!;

    /// <summary>Creates the key, the token bytes and the reusable keyed hash.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _key = BenchmarkData.RandomKey();
        _token = Encoding.UTF8.GetBytes("gwk_l6U7sx7qcMb2gKyD_EZYqGKRDyJGB6ag7jmQKa2GENxZ39m6UceJtmAa3a2W16TSS5");
        _keyed = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
    }

    /// <summary>Disposes the keyed hash.</summary>
    [GlobalCleanup]
    public void Cleanup() => _keyed.Dispose();

    /// <summary>One-shot HMAC, as <c>SecretHasher</c> and the signature verifiers do it.</summary>
    [Benchmark(Baseline = true)]
    public int OneShot() => HMACSHA256.HashData(_key, _token, _hash);

    /// <summary>The same HMAC on a keyed <see cref="IncrementalHash"/> reused across calls.</summary>
    [Benchmark]
    public int ReusedKeyedHash()
    {
        _keyed.AppendData(_token);
        return _keyed.GetHashAndReset(_hash);
    }
}
