namespace Gateway.Accounts;

/// <summary>
/// How precisely the stores keep a key's <see cref="ApiKey.LastUsedAt"/>: a use raises it only when it is at least
/// <see cref="Resolution"/> later than the stored value (or none is stored). Each key's row is then rewritten at most
/// once a minute, however often the key is used: with keys spread over a large store, rewriting every used key's row
/// on every audit flush made SQLite write one page per key per flush (docs/PERFORMANCE.md, "Hot path, third pass:
/// store misses and runtime knobs"). Per-minute usage counts are kept separately. The Redis store and
/// <see cref="IAccountStore.TouchKeysAsync"/> keep this resolution; the embedded store's audit flush keeps each key's
/// newest use exactly, per minute, and folds it into the key's last use later (schema 8 of
/// <see cref="Sqlite.SqliteSchema"/>).
/// </summary>
public static class LastUsed
{
    /// <summary>The resolution in milliseconds: one minute.</summary>
    public const long ResolutionMilliseconds = 60_000;

    /// <summary>The resolution: one minute.</summary>
    public static readonly TimeSpan Resolution = TimeSpan.FromMilliseconds(ResolutionMilliseconds);
}
