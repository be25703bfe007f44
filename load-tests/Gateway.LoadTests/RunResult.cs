namespace Gateway.LoadTests;

/// <summary>One measured run of one scenario.</summary>
public sealed record RunResult
{
    /// <summary><c>warmup</c>, <c>closed</c> or <c>open</c>.</summary>
    public required string Model { get; init; }

    /// <summary>Target rate for open runs (requests/s); <c>null</c> for closed runs.</summary>
    public double? TargetRate { get; init; }

    /// <summary>Fraction of saturation for open runs; <c>null</c> for closed runs.</summary>
    public double? LoadLevel { get; init; }

    /// <summary>Requests answered 2xx.</summary>
    public required long Succeeded { get; init; }

    /// <summary>Non-2xx answers, exceptions and timeouts.</summary>
    public required long Failed { get; init; }

    /// <summary>
    /// Of <see cref="Failed"/>: the requests still unanswered when the run's deadline (its length plus the request
    /// timeout) cancelled them (<see cref="RequestOutcome.TimedOut"/>).
    /// </summary>
    public long TimedOut { get; init; }

    /// <summary>Seconds from the first send to the last completion.</summary>
    public required double Seconds { get; init; }

    /// <summary>Completed requests per second (2xx and not).</summary>
    public double RequestsPerSecond => Seconds > 0 ? Math.Round((Succeeded + Failed) / Seconds, 1) : 0;

    /// <summary>
    /// Latency: for closed runs the service time of each request; for open runs the time from the request's intended
    /// send time on the fixed schedule to its completion (so generator or server stalls are not hidden).
    /// </summary>
    public required LatencySummary Latency { get; init; }

    /// <summary>Open runs: how late the generator sent requests after their intended time; <c>null</c> for closed runs.</summary>
    public LatencySummary? DispatchLag { get; init; }

    /// <summary>Open runs: when on the schedule the requests slower than the plan's threshold were; <c>null</c> for closed runs.</summary>
    public StallSummary? Stalls { get; init; }

    /// <summary>
    /// Open runs, when the hypervisor's steal was sampled (<see cref="BenchmarkPlan.WindowStealPercent"/>): the run over
    /// the host's quiet 100 ms windows, and how much of its schedule they held; <c>null</c> otherwise.
    /// </summary>
    public QuietWindowsSummary? QuietWindows { get; init; }

    /// <summary>Milliseconds the gateway's garbage collections paused it during the run; <c>null</c> without a gateway's metrics.</summary>
    public double? GatewayGcPauseMs { get; init; }

    /// <summary>The gateway's generation-2 collections during the run; <c>null</c> without a gateway's metrics.</summary>
    public double? GatewayGen2Collections { get; init; }

    /// <summary>
    /// Milliseconds the gateway's JIT compiler spent compiling during the run (every thread, the tiered-compilation
    /// worker's promotions included); <c>null</c> without a gateway's metrics. Part of the run's server CPU that is
    /// start-up cost, not the requests': in a steady state it is ≈ 0.
    /// </summary>
    public double? GatewayJitMs { get; init; }

    /// <summary>Audit events the gateway dropped during the run (its writer fell behind or its store failed); <c>null</c> without a gateway's metrics.</summary>
    public double? GatewayAuditEventsDropped { get; init; }

    /// <summary>Milliseconds the load generator's own garbage collections paused it during the run.</summary>
    public double? ClientGcPauseMs { get; init; }

    /// <summary>Server-side CPU (user + system) per completed request, in microseconds; <c>null</c> when unknown.</summary>
    public double? ServerCpuMicrosecondsPerRequest { get; init; }

    /// <summary>
    /// Context switches of the scenario's server processes (every thread, children included) per completed request;
    /// <c>null</c> when unknown. On the harness's layout (servers sharing CPU 0) a proxied request costs at least one:
    /// the upstream runs between the gateway's send and its receive.
    /// </summary>
    public double? ServerContextSwitchesPerRequest { get; init; }

    /// <summary>Bytes the gateway allocated on its managed heap per completed request; <c>null</c> without a gateway's metrics.</summary>
    public double? GatewayAllocatedBytesPerRequest { get; init; }

    /// <summary>
    /// CPU taken during the run by processes that are neither the scenario's servers nor the load generator, and by the
    /// hypervisor (<see cref="StealPercent"/>), in percent of the machine (every CPU); a high value means the run
    /// competed with other work; <c>null</c> when unknown.
    /// </summary>
    public double? OtherCpuPercent { get; init; }

    /// <summary>
    /// What the hypervisor took during the run (steal: this VM's CPUs ready to run while their host ran something
    /// else), in percent of the machine; <c>null</c> when unknown. A busy host, not a process here. Counted in
    /// <see cref="OtherCpuPercent"/> too, though not exactly: the servers' own CPU time can include some of it, so in a
    /// run it may read a little above that figure.
    /// </summary>
    public double? StealPercent { get; init; }

    /// <summary>
    /// An open run that fell behind its schedule: its requests took more than <see cref="BehindSlack"/> times the
    /// schedule's length to complete (<see cref="RequestsPerSecond"/> below <see cref="TargetRate"/> / 1.05), so the
    /// servers or the load generator did not keep up with the offered rate, a queue grew for the whole run, and its
    /// percentiles measure that queue rather than the latency of that load. A run that keeps up ends within its
    /// slowest request of the schedule. (Busy CPU is no sign of it: idle thread-pool workers spin, and an open run at
    /// half load already keeps the servers' CPU near 100 %.)
    /// </summary>
    public bool FellBehind => TargetRate is { } rate && RequestsPerSecond < rate / BehindSlack;

    /// <summary>How much longer than its schedule an open run may take before it counts as <see cref="FellBehind"/>: 1.05.</summary>
    public const double BehindSlack = 1.05;

    /// <summary>The gateway's peak RSS during the run (VmHWM after a reset), in MiB; <c>null</c> without a gateway.</summary>
    public double? GatewayPeakRssMiB { get; init; }

    /// <summary>
    /// Why a closed round or an open run was not counted and measured again (it is kept as a warm-up):
    /// <see cref="NotCountedJit"/>, <see cref="NotCountedShared"/> or <see cref="NotCountedSteal"/>; <c>null</c> for every other run.
    /// </summary>
    public string? NotCounted { get; init; }

    /// <summary><see cref="NotCounted"/>: the gateway compiled code for more than <see cref="BenchmarkPlan.MaxJitShare"/> of the round.</summary>
    public const string NotCountedJit = "jit";

    /// <summary><see cref="NotCounted"/>: other processes or the hypervisor took more than <see cref="BenchmarkPlan.MaxOtherCpuPercent"/> of the machine.</summary>
    public const string NotCountedShared = "shared";

    /// <summary>
    /// <see cref="NotCounted"/>, open runs: bursts of the hypervisor's steal left less than
    /// <see cref="BenchmarkPlan.MinQuietSchedulePercent"/> of the schedule in quiet windows (<see cref="QuietWindows"/>).
    /// </summary>
    public const string NotCountedSteal = "steal";
}
