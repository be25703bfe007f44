namespace Gateway.RateLimiting;

/// <summary>Defaults of <see cref="RateLimitingOptions"/>.</summary>
public static class RateLimitingDefaults
{
    /// <summary>Store selection.</summary>
    public const string Store = "auto";

    /// <summary>Fail-open.</summary>
    public const string OnRedisFailure = "open";

    /// <summary>One replica.</summary>
    public const int Replicas = 1;

    /// <summary>Accounts tracked in embedded mode.</summary>
    public const int MaxAccounts = 100_000;

    /// <summary>Idle eviction after ten minutes.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(10);

    /// <summary>One audit summary per account and minute at most.</summary>
    public static readonly TimeSpan AuditInterval = TimeSpan.FromMinutes(1);
}
