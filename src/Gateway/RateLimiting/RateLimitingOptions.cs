namespace Gateway.RateLimiting;

/// <summary>
/// <c>Gateway:RateLimiting</c>: where the limiter keeps its counters and what it does when the shared store is away.
/// The limits themselves are account, key and route settings (docs/RATE-LIMITS.md).
/// </summary>
public sealed class RateLimitingOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Gateway:RateLimiting";

    /// <summary>
    /// <c>auto</c> (default: <c>redis</c> when <c>Gateway:Redis:Configuration</c> is set, else <c>embedded</c>),
    /// <c>embedded</c> (in-process, per replica) or <c>redis</c> (exact across replicas).
    /// </summary>
    public string Store { get; set; } = RateLimitingDefaults.Store;

    /// <summary>
    /// Redis mode, when Redis does not answer: <c>open</c> (default) admits through a per-replica local limiter at
    /// limit ÷ <see cref="Replicas"/>; <c>closed</c> answers 503 <c>rate_limit_unavailable</c>.
    /// </summary>
    public string OnRedisFailure { get; set; } = RateLimitingDefaults.OnRedisFailure;

    /// <summary>How many replicas share the limits; the fail-open fallback gives each replica its share. Default 1.</summary>
    public int Replicas { get; set; } = RateLimitingDefaults.Replicas;

    /// <summary>Embedded mode: most accounts tracked at once; idle ones are evicted first. Default 100 000.</summary>
    public int MaxAccounts { get; set; } = RateLimitingDefaults.MaxAccounts;

    /// <summary>Embedded mode: an account's counters are dropped after this long unused (when no quota period holds them).</summary>
    public TimeSpan IdleTimeout { get; set; } = RateLimitingDefaults.IdleTimeout;

    /// <summary>How often refused requests are summarised into one <c>ratelimit.exceeded</c> audit event per account.</summary>
    public TimeSpan AuditInterval { get; set; } = RateLimitingDefaults.AuditInterval;

    /// <summary><c>true</c> when <see cref="OnRedisFailure"/> is <c>closed</c>.</summary>
    public bool FailClosed => string.Equals(OnRedisFailure, "closed", StringComparison.OrdinalIgnoreCase);
}
