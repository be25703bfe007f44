namespace Gateway.LoadTests;

/// <summary>
/// An open run read over the host's quiet windows (<see cref="StealWindows"/>): the requests due in a window in which
/// the hypervisor's steal took at least <paramref name="ThresholdPercent"/> of the machine, or in the window after it,
/// are left out, and the percentiles are those of the rest. A few hundred milliseconds of steal are ≈ 1 % of a 20 s
/// run — the run's average does not see them — but each stalls every request due then, which is a p99 by itself.
/// </summary>
/// <param name="ThresholdPercent">A window's steal, in percent of the machine, from which it counts as disturbed.</param>
/// <param name="Windows">Windows sampled.</param>
/// <param name="StealWindows">Of them, those whose steal reached <paramref name="ThresholdPercent"/>.</param>
/// <param name="WorstStealPercent">The largest steal of one window.</param>
/// <param name="SchedulePercent">Share of the run's requests (so of its schedule) that were due in quiet windows and are counted in <paramref name="Latency"/>.</param>
/// <param name="Latency">Latency of those requests, from their intended send time; <c>null</c> when none was.</param>
public sealed record QuietWindowsSummary(
    double ThresholdPercent, int Windows, int StealWindows, double WorstStealPercent, double SchedulePercent, LatencySummary? Latency);
