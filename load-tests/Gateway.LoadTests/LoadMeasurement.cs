using HdrHistogram;

namespace Gateway.LoadTests;

/// <summary>What a load model run counted: outcomes, elapsed time and the latency histogram (microseconds).</summary>
/// <param name="Succeeded">2xx answers.</param>
/// <param name="Failed">Everything else.</param>
/// <param name="TimedOut">Of <paramref name="Failed"/>: the requests the run's deadline cancelled (<see cref="RequestOutcome.TimedOut"/>).</param>
/// <param name="Seconds">First send to last completion.</param>
/// <param name="Histogram">Latencies in microseconds.</param>
/// <param name="DispatchLag">
/// Open model only: how late the generator itself sent each request after its intended time (microseconds) — the
/// generator's own share of the latency, there to tell a slow server from a starved generator.
/// </param>
/// <param name="Stalls">Open model only: when on the schedule the slow requests were (<see cref="StallTimeline"/>).</param>
/// <param name="Steal">Open model only, when sampled: the hypervisor's steal every 100 ms of the run (<see cref="StealSampler"/>).</param>
/// <param name="Quiet">Open model only, when sampled: the run over the host's quiet windows.</param>
public sealed record LoadMeasurement(
    long Succeeded, long Failed, long TimedOut, double Seconds, HistogramBase Histogram, HistogramBase? DispatchLag, StallTimeline? Stalls,
    StealWindows? Steal = null, QuietWindowsSummary? Quiet = null);
