namespace Gateway.LoadTests;

/// <summary>An open run's stalls (<see cref="StallTimeline"/>).</summary>
/// <param name="ThresholdMs">A slot of the schedule counts as stalled when a request due in it took at least this long.</param>
/// <param name="Episodes">Maximal runs of stalled slots.</param>
/// <param name="StalledMs">Schedule time in stalled slots, summed over the episodes.</param>
/// <param name="Worst">The worst episodes (by latency), in schedule order.</param>
public sealed record StallSummary(double ThresholdMs, int Episodes, long StalledMs, IReadOnlyList<StallEpisode> Worst);
