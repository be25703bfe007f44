using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;

namespace Gateway.Benchmarks;

/// <summary>
/// What one SHA-256 of a signed request's canonical request (≈ 300 bytes) or a nonce (≈ 40 bytes) costs as the
/// one-shot <see cref="SHA256.HashData(ReadOnlySpan{byte}, Span{byte})"/>, against an unkeyed
/// <see cref="IncrementalHash"/> reused across calls. Evidence for docs/PERFORMANCE.md.
/// </summary>
[MemoryDiagnoser]
public class Sha256Benchmarks
{
    private readonly byte[] _hash = new byte[SHA256.HashSizeInBytes];
    private IncrementalHash _reused = null!;

    /// <summary>The input's length in bytes.</summary>
    [Params(40, 300)]
    public int Length { get; set; }

    private byte[] _data = null!;

    /// <summary>Creates the input and the reusable hash.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _data = new byte[Length];
        Random.Shared.NextBytes(_data);
        _reused = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    }

    /// <summary>Disposes the reusable hash.</summary>
    [GlobalCleanup]
    public void Cleanup() => _reused.Dispose();

    /// <summary>One-shot SHA-256.</summary>
    [Benchmark(Baseline = true)]
    public int OneShot() => SHA256.HashData(_data, _hash);

    /// <summary>The same hash on an <see cref="IncrementalHash"/> reused across calls.</summary>
    [Benchmark]
    public int Reused()
    {
        _reused.AppendData(_data);
        return _reused.GetHashAndReset(_hash);
    }
}
