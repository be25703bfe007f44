namespace Gateway.Audit;

/// <summary>Durable storage of the audit trail, independent of accounts (a deleted account's history stays).</summary>
public interface IAuditStore
{
    /// <summary>Appends events in one transaction; when it returns they are durable.</summary>
    Task AppendAsync(IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken);

    /// <summary>
    /// Appends request events and records per-key <paramref name="usage"/> — its <c>lastUsedAt</c> and per-minute
    /// request and denial counts — at request-event durability (which may be lower than
    /// <see cref="AppendAsync"/>'s). Returns whether the keys' <c>lastUsedAt</c> was written too; when not, the
    /// caller raises it through the account store.
    /// </summary>
    Task<bool> AppendRequestsAsync(IReadOnlyList<AuditEvent> events, IReadOnlyList<KeyUsage> usage, CancellationToken cancellationToken);

    /// <summary>One page of events, newest first.</summary>
    Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the oldest events (and per-key usage rows) older than <paramref name="before"/>, about
    /// <paramref name="maxRows"/> at most, and returns how many it deleted: a result of at least
    /// <paramref name="maxRows"/> means some may be left for the next call. A store that deletes them all in one
    /// operation anyway (Redis trims its stream in one command) may delete more.
    /// </summary>
    Task<int> PurgeAsync(DateTimeOffset before, int maxRows, CancellationToken cancellationToken);
}
