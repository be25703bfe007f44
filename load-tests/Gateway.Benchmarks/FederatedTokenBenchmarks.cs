using BenchmarkDotNet.Attributes;
using Gateway.Accounts;
using Gateway.Accounts.Tokens;
using Gateway.Federation.Access;
using Gateway.Federation.Policies;

namespace Gateway.Benchmarks;

/// <summary>
/// The federated access token's per-request check without I/O (<c>gwf_…</c>: split, id shapes, HMAC-SHA-256,
/// fixed-time compare), beside the bearer key's parse + verify it replaces.
/// </summary>
[MemoryDiagnoser]
public class FederatedTokenBenchmarks
{
    private FederatedAccessTokens _tokens = null!;
    private SecretHasher _hasher = null!;
    private string _federated = null!;
    private string _bearer = null!;
    private byte[] _storedHash = null!;

    /// <summary>Issues one token of each kind.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _hasher = new SecretHasher(BenchmarkData.RandomKey());
        _tokens = new FederatedAccessTokens(_hasher);
        _federated = _tokens.Issue(new AccessTokenClaims(IdGenerator.NewAccountId(), TrustPolicyRules.NewId(),
            FederatedAccessTokens.NewExchangeId(), DateTimeOffset.UtcNow.AddMinutes(15)));
        _bearer = BearerToken.Create(IdGenerator.NewKeyId());
        _storedHash = _hasher.Hash(_bearer);
    }

    /// <summary><c>BearerToken.TryParse</c> + <c>SecretHasher.Verify</c> (the API key handler's check).</summary>
    [Benchmark(Baseline = true)]
    public bool Bearer() => BearerToken.TryParse(_bearer, out _) && _hasher.Verify(_bearer, _storedHash);

    /// <summary><c>FederatedAccessTokens.Verify</c> (the federation handler's check before its cache lookup).</summary>
    [Benchmark]
    public bool Federated() => _tokens.Verify(_federated, out _) is not null;
}
