using BenchmarkDotNet.Attributes;
using Gateway.Accounts;
using Gateway.Accounts.Tokens;

namespace Gateway.Benchmarks;

/// <summary>The bearer hot path without I/O: token shape and checksum, then the keyed-hash comparison.</summary>
[MemoryDiagnoser]
public class BearerVerifyBenchmarks
{
    private SecretHasher _hasher = null!;
    private string _token = null!;
    private byte[] _storedHash = null!;

    /// <summary>Mints one token and its stored hash.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _hasher = new SecretHasher(BenchmarkData.RandomKey());
        _token = BearerToken.Create(IdGenerator.NewKeyId());
        _storedHash = _hasher.Hash(_token);
    }

    /// <summary><c>BearerToken.TryParse</c> + <c>SecretHasher.Verify</c>, as the API key handler does per request.</summary>
    [Benchmark(Baseline = true)]
    public bool ParseAndVerify() => BearerToken.TryParse(_token, out _) && _hasher.Verify(_token, _storedHash);

    /// <summary><c>BearerToken.TryParse</c> alone (shape, base62, CRC-32, key id).</summary>
    [Benchmark]
    public bool Parse() => BearerToken.TryParse(_token, out _);

    /// <summary><c>SecretHasher.Verify</c> alone (HMAC-SHA-256 and a fixed-time compare).</summary>
    [Benchmark]
    public bool Verify() => _hasher.Verify(_token, _storedHash);
}
