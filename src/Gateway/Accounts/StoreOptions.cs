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

    /// <summary>
    /// How often the embedded store's write-ahead log is checkpointed into the database file, by a thread of its own
    /// (<see cref="Sqlite.SqliteCheckpointer"/>): no other connection of the gateway checkpoints, so the audit writer
    /// and admin writes never wait for the checkpoint's copy and its two syncs. Ignored with <c>redis</c>. Default 1 s
    /// (0.01 s to 1 min).
    /// </summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary><c>true</c> when <see cref="Provider"/> names the Redis store (case-insensitive).</summary>
    public bool IsRedis => string.Equals(Provider, Redis, StringComparison.OrdinalIgnoreCase);
}
