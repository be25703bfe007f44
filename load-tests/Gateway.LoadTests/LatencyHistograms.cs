using HdrHistogram;

namespace Gateway.LoadTests;

/// <summary>The HdrHistogram every run records into: microseconds from 1 µs to 60 s, 3 significant digits.</summary>
public static class LatencyHistograms
{
    /// <summary>Highest trackable latency: 60 s in microseconds.</summary>
    public const long HighestMicroseconds = 60_000_000;

    /// <summary>A histogram safe to record into from many threads at once.</summary>
    public static LongConcurrentHistogram Create() => new(1, HighestMicroseconds, 3);

    /// <summary>Microseconds between two <see cref="System.Diagnostics.Stopwatch"/> timestamps, clamped to the trackable range.</summary>
    public static long Microseconds(long fromTimestamp, long toTimestamp)
    {
        var ticks = Math.Max(0, toTimestamp - fromTimestamp);
        var microseconds = (long)(ticks * (1_000_000.0 / System.Diagnostics.Stopwatch.Frequency));
        return Math.Clamp(microseconds, 1, HighestMicroseconds);
    }
}
