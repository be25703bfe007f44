namespace Gateway.Audit;

/// <summary><c>Gateway:Audit</c>: how request audit events are queued, written and kept.</summary>
public sealed class AuditOptions
{
    /// <summary>Request events waiting to be written at most; when full, new ones are dropped and counted. Default 10,000.</summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>Most events written in one transaction. Default 500.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>Also write every event as one JSON line to standard output, for log shippers. Default <c>false</c>.</summary>
    public bool Stdout { get; set; }

    /// <summary>How long events are kept; older ones are purged hourly. Default 90 days.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(90);
}
