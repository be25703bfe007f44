namespace Gateway.LoadTests;

/// <summary>
/// What one invocation measures, written by <c>load-tests/run.sh</c> as JSON: the scenarios and the shape of every
/// run. Scenarios are run interleaved — each round visits every scenario — so drift hits them alike.
/// </summary>
public sealed record BenchmarkPlan
{
    /// <summary>The scenarios, in table order.</summary>
    public required IReadOnlyList<ScenarioPlan> Scenarios { get; init; }

    /// <summary>Connections (and concurrent requests) of the closed model. Default 32.</summary>
    public int Connections { get; init; } = 32;

    /// <summary>Unmeasured closed-model seconds per scenario before the first round. Default 3.</summary>
    public double WarmupSeconds { get; init; } = 3;

    /// <summary>
    /// Requests each scenario's warm-up makes at least (repeating the warm-up run, at most 10 times), so the JIT has
    /// tiered up before anything is measured. Default 0 (one warm-up run).
    /// </summary>
    public long WarmupRequests { get; init; }

    /// <summary>
    /// Seconds of warm-up load each server (a scenario's gateway) gets at least, summed over the warm-ups of every
    /// scenario it serves (repeating a scenario's warm-up run, at most 30 times): the runtime keeps adapting (tier-up,
    /// GC heaps, thread pool) for tens of seconds after the JIT's request counts are reached. Default 0.
    /// </summary>
    public double WarmupServerSeconds { get; init; }

    /// <summary>
    /// A closed round (or an open run) in which the gateway spent more than this share of its seconds compiling code (its
    /// JIT time, <see cref="RunResult.GatewayJitMs"/>) is not counted: it is logged, kept as a warm-up, and measured
    /// again, at most <see cref="RoundRepeats"/> times per run. A path first taken late — a cached credential's first reload
    /// ≈ 60 s after its load — is promoted to optimised code then, and the round it lands in paid start-up cost on
    /// top of its requests' (docs/PERFORMANCE.md, "Hot path, nineteenth pass"). Default 0.02 (100 ms of a 5 s round:
    /// the counter is elapsed time, waits for the servers' core included, and the periodic background paths that tier
    /// up one by one for minutes read 15-70 ms a round); 0 turns the rule off.
    /// </summary>
    public double MaxJitShare { get; init; } = 0.02;

    /// <summary>
    /// A closed round or an open run during which processes other than the scenario's servers and the load generator,
    /// or the hypervisor (steal), took more than this percentage of the machine (<see cref="RunResult.OtherCpuPercent"/>,
    /// <see cref="RunResult.StealPercent"/>) is not counted either: logged, kept as a warm-up and measured again, at
    /// most <see cref="RoundRepeats"/> times per run. Such rounds read 15-60 % more CPU per request than the quiet
    /// rounds of the same scenario in the same run (docs/PERFORMANCE.md, "Hot path, twentieth pass"): the machine's
    /// cores and caches were shared, which the servers' CPU time pays for; and an open run that met a host taking a
    /// third of the machine fell behind its schedule and timed requests out. Default 5; 0 turns the rule off.
    /// </summary>
    public double MaxOtherCpuPercent { get; init; } = 5;

    /// <summary>
    /// How often one closed round or open run may be measured again, for <see cref="MaxJitShare"/> and
    /// <see cref="MaxOtherCpuPercent"/> together; the last measurement counts whatever it read. Default 3.
    /// </summary>
    public int RoundRepeats { get; init; } = 3;

    /// <summary>Seconds of each closed-model (throughput) run. Default 5.</summary>
    public double ClosedSeconds { get; init; } = 5;

    /// <summary>Closed-model rounds; a scenario's saturation is the median of its rounds. Default 3.</summary>
    public int Rounds { get; init; } = 3;

    /// <summary>Seconds of each open-model (fixed rate) run. Default 6.</summary>
    public double OpenSeconds { get; init; } = 6;

    /// <summary>Open-model rates as fractions of each scenario's own saturation. Default 0.25, 0.5, 0.75.</summary>
    public IReadOnlyList<double> LoadLevels { get; init; } = [0.25, 0.5, 0.75];

    /// <summary>
    /// An open run's slot of the schedule counts as a stall when a request due in it took at least this many
    /// milliseconds (<see cref="StallTimeline"/>). Default 10.
    /// </summary>
    public double StallThresholdMs { get; init; } = 10;

    /// <summary>
    /// The hypervisor's steal, in percent of the machine, from which a 100 ms window of an open run counts as disturbed
    /// (<see cref="StealSampler"/>): the requests due in it and in the window after it are left out of the run's
    /// quiet-window percentiles (<see cref="RunResult.QuietWindows"/>), which the latency targets read. Default 10 (on
    /// 2 CPUs, 20 ms of CPU taken in 100 ms: two clock ticks); 0 turns the sampling off.
    /// </summary>
    public double WindowStealPercent { get; init; } = 10;

    /// <summary>
    /// An open run whose quiet windows (<see cref="WindowStealPercent"/>) hold less than this percentage of its schedule
    /// is not counted either: logged, kept as a warm-up and measured again, within <see cref="RoundRepeats"/>; and a
    /// latency target read from a counted run still below it is inconclusive. Default 90.
    /// </summary>
    public double MinQuietSchedulePercent { get; init; } = 90;

    /// <summary>Upper bound on the requests of any single run. Default 5,000,000.</summary>
    public long MaxRequestsPerRun { get; init; } = 5_000_000;

    /// <summary>A request slower than this fails (and so does the run). Default 10 s.</summary>
    public double RequestTimeoutSeconds { get; init; } = 10;

    /// <summary>
    /// Whether the open-model dispatcher yields in a loop instead of sleeping between sends (see <see cref="Pacer"/>);
    /// set by run.sh only when the load generator is pinned to CPUs of its own. Default <c>false</c>.
    /// </summary>
    public bool SpinPacer { get; init; }

    /// <summary>
    /// The regression guard (CI's quick run): the run fails when the server CPU that <c>bearer</c>, <c>rfc9421</c> or
    /// <c>sigv4</c> adds per request over <c>yarp</c> exceeds this multiple of <c>yarp</c>'s own CPU per request.
    /// Relative to <c>yarp</c> because a busy machine inflates both alike. <c>null</c> (default): no guard.
    /// </summary>
    public double? CpuGuardRatio { get; init; }

    /// <summary>
    /// The harness's servers (gateways, the plain YARP host) that are stopped during each measured run (closed or open,
    /// not the warm-ups) of a scenario whose <see cref="ScenarioPlan.ServerPids"/> do not name them, and continued
    /// after it (<see cref="IdleServers"/>). Default empty: nothing is paused.
    /// </summary>
    public IReadOnlyList<int> IdleServerPids { get; init; } = [];

    /// <summary>Free text stored with the results (mode, commit, pinning). Default empty.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}
