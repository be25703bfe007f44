using BenchmarkDotNet.Attributes;
using Gateway.Accounts;
using Gateway.RateLimiting;

namespace Gateway.Benchmarks;

/// <summary>
/// The embedded limiter's whole decision for a bearer request on a limited route: building the <see cref="LimitPlan"/>
/// from the cached credential and the route, and <see cref="EmbeddedRateLimiter.Decide"/> (account and key buckets, a
/// daily quota) — what the rate-limit stage adds on the hot path besides the headers. The limits are far above the
/// benchmark's rate, so every request is admitted, as in the load test.
/// </summary>
[MemoryDiagnoser]
public class RateLimiterBenchmarks
{
    private readonly EmbeddedRateLimiter _limiter = new(TimeProvider.System, 1, 100_000, TimeSpan.FromMinutes(10));
    private readonly RouteRateLimits _route = new(null, new RateLimit { RequestsPerSecond = RateLimit.MaxValue, Burst = RateLimit.MaxValue });
    private Credential _credential = null!;

    /// <summary>A credential whose account and key carry limits no benchmark reaches.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var now = DateTimeOffset.UtcNow;
        var account = new ServiceAccount
        {
            Id = IdGenerator.NewAccountId(),
            Name = "bench",
            OrgId = "acme",
            Roles = [],
            AllowedCidrs = [],
            Status = AccountStatus.Active,
            CreatedAt = now,
            UpdatedAt = now,
            RateLimit = new RateLimit { RequestsPerSecond = RateLimit.MaxValue, Burst = RateLimit.MaxValue },
            Quota = new Quota { PerDay = Quota.MaxValue },
        };
        var key = new ApiKey
        {
            Id = IdGenerator.NewKeyId(),
            AccountId = account.Id,
            Kind = KeyKind.Bearer,
            Fingerprint = "SHA256:bench",
            SecretHash = [1],
            AllowedCidrs = [],
            CreatedAt = now,
            RateLimit = new RateLimit { RequestsPerSecond = RateLimit.MaxValue, Burst = RateLimit.MaxValue },
        };
        _credential = new Credential(key, account);
    }

    /// <summary>Plan and decision, three rate buckets and a quota.</summary>
    [Benchmark]
    public RateLimitOutcome Decide() => _limiter.Decide(new LimitPlan(_credential, "echo", _route)).Outcome;
}
