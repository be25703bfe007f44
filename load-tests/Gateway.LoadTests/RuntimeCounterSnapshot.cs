namespace Gateway.LoadTests;

/// <summary>A gateway's runtime counters at one scrape (<see cref="GatewayRuntimeCounters"/>); each <c>null</c> when the gateway does not publish it.</summary>
/// <param name="AllocatedBytes">Bytes allocated on the managed heap since the process started.</param>
/// <param name="GcPauseSeconds">Time the runtime has paused the process for garbage collections.</param>
/// <param name="Gen2Collections">Generation-2 collections.</param>
/// <param name="AuditEventsDropped">Audit events the gateway dropped (queue full or store error) since it started.</param>
/// <param name="JitSeconds">Time the JIT compiler has spent compiling methods since the process started (every thread).</param>
public sealed record RuntimeCounterSnapshot(double? AllocatedBytes, double? GcPauseSeconds, double? Gen2Collections, double? AuditEventsDropped, double? JitSeconds);
