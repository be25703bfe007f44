using HdrHistogram;

namespace Gateway.LoadTests;

/// <summary>Percentiles of a latency histogram, in milliseconds.</summary>
/// <param name="Count">Recorded requests.</param>
/// <param name="P50">Median.</param>
/// <param name="P99">99th percentile.</param>
/// <param name="P999">99.9th percentile.</param>
/// <param name="Max">Largest recorded value.</param>
public sealed record LatencySummary(long Count, double P50, double P99, double P999, double Max)
{
    /// <summary>Summarises a histogram recorded in microseconds.</summary>
    public static LatencySummary From(HistogramBase microseconds) => new(
        microseconds.TotalCount,
        Milliseconds(microseconds.GetValueAtPercentile(50)),
        Milliseconds(microseconds.GetValueAtPercentile(99)),
        Milliseconds(microseconds.GetValueAtPercentile(99.9)),
        Milliseconds(microseconds.GetMaxValue()));

    private static double Milliseconds(long microseconds) => Math.Round(microseconds / 1000.0, 3);
}
