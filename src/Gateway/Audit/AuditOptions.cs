namespace Gateway.Audit;

/// <summary><c>Gateway:Audit</c>: how request audit events are queued, written and kept.</summary>
public sealed class AuditOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Gateway:Audit";

    /// <summary>
    /// Request events waiting to be written at most; when full, new ones are dropped and counted. Default 50,000
    /// (formerly 10,000): ≈ 230 B each while queued, so ≈ 11 MB when full, and ≈ 4.5 s of a stalled writer at 11,000
    /// audited requests per second (docs/PERFORMANCE.md, "Audit writer and slow disks").
    /// </summary>
    public int QueueCapacity { get; set; } = 50_000;

    /// <summary>Most events written in one transaction; this many waiting also starts a write at once. Default 500.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>
    /// Longest time a request event waits before it is written: the writer flushes this often, or sooner when
    /// <see cref="BatchSize"/> events wait. Default 200 ms.
    /// </summary>
    public TimeSpan Linger { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// How often the keys' use (per-minute usage counts, <c>lastUsedAt</c>) is written, with the first flush after the
    /// interval has passed: one upsert per key used since the last write, so writing it with every flush cost about a
    /// fifth of the audit's store work under load (docs/PERFORMANCE.md, "Hot path, seventh pass: the audit writer and the harness").
    /// A use is stored at most one interval after the request (plus the flush that writes it). Default 2 s.
    /// </summary>
    public TimeSpan UsageInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Which proxied requests of service accounts get an audit event of their own: <c>All</c> (default),
    /// <c>Denied</c> (refused after authentication: 401, 403) or <c>None</c>. Per-key usage counts and
    /// <c>lastUsedAt</c> are kept in every mode; admin events are always written.
    /// </summary>
    public RequestAuditDetail RequestDetail { get; set; } = RequestAuditDetail.All;

    /// <summary>Also write every event as one JSON line to standard output, for log shippers. Default <c>false</c>.</summary>
    public bool Stdout { get; set; }

    /// <summary>How long events are kept; older ones are purged hourly. Default 90 days.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(90);
}
