using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Gateway.Accounts;
using Gateway.Accounts.Secrets;
using Gateway.Authentication;
using Gateway.IdentityToken;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Gateway.Benchmarks;

/// <summary>
/// The identity token's cost on the request path: a cache hit (<see cref="IdentityTokenCache.Get"/> for an identity
/// and audience that already have a token: what nearly every request pays) and, for reference, a miss (one ES256
/// signature: once per identity and audience every 3¾ minutes).
/// </summary>
[MemoryDiagnoser]
public class IdentityTokenBenchmarks
{
    private string _directory = null!;
    private IdentityTokenCache _cache = null!;
    private IdentityTokenIssuer _issuer = null!;
    private IdentitySigningKey _key = null!;
    private GatewayIdentity _identity = null!;

    /// <summary>Loads keys from a fresh data directory and issues the first token.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("idtoken-bench-").FullName;
        var ring = new IdentityKeyRing(new FileIdentityKeyStore(Path.Combine(_directory, FileIdentityKeyStore.FileName)),
            new IdentityKeyDocument(new SecretProtector([new MasterKey("m", RandomNumberGenerator.GetBytes(32))], "m")),
            TimeProvider.System, Options.Create(new IdentityTokenOptions()), NullLogger<IdentityKeyRing>.Instance);
        ring.RefreshAsync(CancellationToken.None).GetAwaiter().GetResult();
        _issuer = new IdentityTokenIssuer("https://gateway.example.com", TimeSpan.FromMinutes(5));
        _cache = new IdentityTokenCache(ring, _issuer, TimeProvider.System);
        _key = ring.Current(DateTimeOffset.UtcNow)!.Active;
        _identity = GatewayIdentity.From(BenchmarkData.Principal(IdGenerator.NewKeyId()))!;
        _cache.Get(_identity, "echo");
    }

    /// <summary>Removes the temporary data directory.</summary>
    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    /// <summary>A cached token (the steady state).</summary>
    [Benchmark(Baseline = true)]
    public string? CacheHit() => _cache.Get(_identity, "echo");

    /// <summary>Signing a new token (a miss).</summary>
    [Benchmark]
    public string Sign() => _issuer.Issue(_identity, "echo", _key, DateTimeOffset.UtcNow).Token;
}
