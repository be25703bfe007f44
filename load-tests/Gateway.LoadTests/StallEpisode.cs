namespace Gateway.LoadTests;

/// <summary>One stall of an open run: consecutive slots of the schedule whose requests took at least the threshold.</summary>
/// <param name="AtSeconds">Where on the schedule it began (seconds from the run's start).</param>
/// <param name="SpanMs">How much of the schedule it covered.</param>
/// <param name="WorstLatencyMs">The slowest request due in it, from its intended send time.</param>
/// <param name="WorstDispatchLagMs">
/// The generator's worst lateness in sending those requests: close to <paramref name="WorstLatencyMs"/> means the
/// load generator stalled (its own CPU, its GC or the VM), small means the requests waited on the server side.
/// </param>
/// <param name="StealPercent">
/// The hypervisor's worst steal, in percent of the machine, in the 100 ms windows from the one before the episode to
/// its end (<see cref="StealWindows"/>); <c>null</c> when not sampled. High means the host took the CPUs then.
/// </param>
public sealed record StallEpisode(double AtSeconds, long SpanMs, double WorstLatencyMs, double WorstDispatchLagMs, double? StealPercent = null);
