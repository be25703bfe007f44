namespace Gateway.Shutdown;

/// <summary>
/// <c>Gateway:Shutdown</c>: how the gateway leaves on SIGTERM (or Ctrl+C). First it reports not-ready for
/// <see cref="DrainDelay"/> while still serving, so load balancers stop sending new requests; then it stops
/// accepting connections and gives in-flight requests up to <see cref="Timeout"/> to finish; then it flushes the
/// audit queue (up to <see cref="AuditFlushTimeout"/>) and exits 0.
/// </summary>
public sealed class ShutdownOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Gateway:Shutdown";

    /// <summary>How long <c>/readyz</c> answers 503 before the listeners close. Default 0 (the container image sets 5 s).</summary>
    public TimeSpan DrainDelay { get; set; } = TimeSpan.Zero;

    /// <summary>How long in-flight requests may take to finish once the listeners are closed; then they are aborted.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long writing the queued audit events may take after the requests are done.</summary>
    public TimeSpan AuditFlushTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The whole budget from SIGTERM to exit: what an orchestrator's grace period must exceed.</summary>
    public TimeSpan Total => DrainDelay + Timeout + AuditFlushTimeout;
}
