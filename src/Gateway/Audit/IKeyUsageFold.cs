namespace Gateway.Audit;

/// <summary>
/// An audit store whose usage rows hold each key's newest use per minute, folded into the keys' <c>lastUsedAt</c> a
/// chunk at a time once the minute can no longer change (the SQLite store, schema 8): the <see cref="AuditWriter"/>
/// calls it on its own thread, between flushes.
/// </summary>
public interface IKeyUsageFold
{
    /// <summary>
    /// Folds the next at most <paramref name="maxRows"/> usage rows of the minutes that ended by <paramref name="before"/>
    /// into the keys' last use, and moves the fold's cursor past them (one transaction). <c>false</c> when there was
    /// nothing left to fold.
    /// </summary>
    Task<bool> FoldUsageAsync(DateTimeOffset before, int maxRows, CancellationToken cancellationToken);
}
