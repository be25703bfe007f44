namespace Gateway.LoadTests;

/// <summary>Everything measured for one scenario.</summary>
public sealed record ScenarioReport
{
    /// <summary>The scenario's name.</summary>
    public required string Name { get; init; }

    /// <summary>How its requests authenticated.</summary>
    public required AuthKind Auth { get; init; }

    /// <summary>Keys in the gateway's store; <c>null</c> when not applicable.</summary>
    public long? StoreKeys { get; init; }

    /// <summary>Saturation throughput: the median requests/s of the closed-model rounds.</summary>
    public required double RequestsPerSecond { get; init; }

    /// <summary><see cref="RequestsPerSecond"/> divided by <c>yarp</c>'s; <c>null</c> without a <c>yarp</c> scenario.</summary>
    public double? RatioToYarp { get; init; }

    /// <summary><see cref="RequestsPerSecond"/> divided by <c>nginx</c>'s; <c>null</c> without an <c>nginx</c> scenario.</summary>
    public double? RatioToNginx { get; init; }

    /// <summary><see cref="RequestsPerSecond"/> divided by <c>plain-yarp</c>'s; <c>null</c> without a <c>plain-yarp</c> scenario.</summary>
    public double? RatioToPlainYarp { get; init; }

    /// <summary>Median server CPU per request over the closed rounds, in microseconds; <c>null</c> when unknown.</summary>
    public double? ServerCpuMicrosecondsPerRequest { get; init; }

    /// <summary>
    /// <see cref="ServerCpuMicrosecondsPerRequest"/> minus <c>yarp</c>'s (the gateway's anonymous route, same upstream):
    /// what this scenario's authentication adds per request; <c>null</c> when either is unknown.
    /// </summary>
    public double? CpuOverYarpMicroseconds { get; init; }

    /// <summary>Median context switches of the server processes per request over the closed rounds; <c>null</c> when unknown.</summary>
    public double? ContextSwitchesPerRequest { get; init; }

    /// <summary>
    /// Median bytes the gateway allocated per request over the closed rounds; <c>null</c> without a gateway's metrics.
    /// Deterministic for a build and a scenario, so it resolves changes the CPU figures cannot on a noisy machine.
    /// </summary>
    public double? AllocatedBytesPerRequest { get; init; }

    /// <summary>
    /// Milliseconds the gateway spent compiling code during the closed rounds, summed over them; <c>null</c> without a
    /// gateway's metrics. Above a few milliseconds the rounds' CPU includes start-up work (the runner says so).
    /// </summary>
    public double? ClosedJitMs { get; init; }

    /// <summary>Fixed-rate latency (from the intended send time) by load level, e.g. <c>"50%"</c>.</summary>
    public required IReadOnlyDictionary<string, LatencySummary> OpenLatency { get; init; }

    /// <summary>
    /// The open runs by load level over the host's quiet windows (<see cref="RunResult.QuietWindows"/>): what the latency
    /// targets read; empty when the steal was not sampled.
    /// </summary>
    public IReadOnlyDictionary<string, QuietWindowsSummary> OpenQuietWindows { get; init; } = new Dictionary<string, QuietWindowsSummary>();

    /// <summary>
    /// The load levels whose open run fell behind its schedule (<see cref="RunResult.FellBehind"/>): their latencies
    /// are a growing queue's.
    /// </summary>
    public IReadOnlyList<string> BehindLevels { get; init; } = [];

    /// <summary>The gateway's largest peak RSS over all of this scenario's runs, in MiB; <c>null</c> without a gateway.</summary>
    public double? GatewayPeakRssMiB { get; init; }

    /// <summary>
    /// Failed requests over all runs, warm-up included, except those that timed out in a run that was not counted and
    /// was measured again (<see cref="TimedOutNotCounted"/>).
    /// </summary>
    public required long Errors { get; init; }

    /// <summary>
    /// Requests that timed out in runs that were not counted (<see cref="RunResult.NotCounted"/>) and were measured
    /// again: what the host did to those runs (an open run falls behind its schedule when the host takes a third of the
    /// machine), reported, not counted as <see cref="Errors"/>.
    /// </summary>
    public long TimedOutNotCounted { get; init; }

    /// <summary>
    /// Audit events the gateway dropped over all runs, warm-up included (its writer fell behind the load or its store
    /// failed); <c>null</c> without a gateway's metrics. The run fails when this is not 0: a figure bought by losing
    /// audit is not a figure.
    /// </summary>
    public double? AuditEventsDropped { get; init; }

    /// <summary>A few failures, for diagnosis.</summary>
    public required IReadOnlyCollection<string> FailureSamples { get; init; }

    /// <summary>Every run, in the order made.</summary>
    public required IReadOnlyList<RunResult> Runs { get; init; }
}
