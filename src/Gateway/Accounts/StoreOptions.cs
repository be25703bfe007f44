namespace Gateway.Accounts;

/// <summary><c>Gateway:Store</c>: where accounts, keys and roles live.</summary>
public sealed class StoreOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Gateway:Store";

    /// <summary>The embedded SQLite store under <c>Gateway:DataDirectory</c> (default).</summary>
    public const string Sqlite = "sqlite";

    /// <summary>The shared Redis store (<c>Gateway:Redis:Configuration</c>), for any number of replicas.</summary>
    public const string Redis = "redis";

    /// <summary><c>sqlite</c> (one node, default) or <c>redis</c> (every replica shares one Redis or Redis Cluster).</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary><c>true</c> when <see cref="Provider"/> names the Redis store (case-insensitive).</summary>
    public bool IsRedis => string.Equals(Provider, Redis, StringComparison.OrdinalIgnoreCase);
}
