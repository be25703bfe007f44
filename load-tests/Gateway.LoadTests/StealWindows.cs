using System.Diagnostics;

namespace Gateway.LoadTests;

/// <summary>
/// The hypervisor's steal over an open run, window by window (<see cref="StealSampler"/>): window <c>k</c> runs from
/// sample <c>k</c> to sample <c>k + 1</c> and its steal is in percent of the machine (every CPU), as the run's own
/// <see cref="RunResult.StealPercent"/>, rounded to a whole percent. On 2 CPUs a 100 ms window reads in steps of 5 %
/// (one clock tick of one CPU).
/// </summary>
public sealed class StealWindows
{
    private readonly long[] _timestamps;

    /// <summary>Windows between the samples <paramref name="timestamps"/> (<see cref="Stopwatch"/>) of the machine's steal seconds <paramref name="steal"/>.</summary>
    public StealWindows(long[] timestamps, double[] steal, int cpus)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(steal.Length, timestamps.Length);
        _timestamps = timestamps;
        Percent = new double[Math.Max(0, timestamps.Length - 1)];
        for (var k = 0; k < Percent.Length; k++)
        {
            var seconds = (double)(timestamps[k + 1] - timestamps[k]) / Stopwatch.Frequency;
            // Whole percent: the counter moves in clock ticks, so two ticks read 10.1 % over 99 ms and 9.5 % over
            // 105 ms, and a threshold should not fall between them because the sampler woke a few ms late.
            Percent[k] = seconds > 0 ? Math.Round(Math.Max(0, steal[k + 1] - steal[k]) * 100 / (seconds * cpus), MidpointRounding.AwayFromZero) : 0;
        }
    }

    /// <summary>Steal of each window, in percent of the machine.</summary>
    public double[] Percent { get; }

    /// <summary>
    /// The window <paramref name="timestamp"/> falls in: the first before the first sample, the last after the last
    /// one; -1 when there are no windows.
    /// </summary>
    public int WindowOf(long timestamp)
    {
        if (Percent.Length == 0)
        {
            return -1;
        }

        var index = Array.BinarySearch(_timestamps, timestamp);
        var window = index >= 0 ? index : ~index - 1;
        return Math.Clamp(window, 0, Percent.Length - 1);
    }

    /// <summary>
    /// Whether a request due at <paramref name="timestamp"/> met the host's steal: its window, or the window before it
    /// (whose stall the requests after it wait out), took at least <paramref name="thresholdPercent"/> of the machine.
    /// </summary>
    public bool Disturbed(long timestamp, double thresholdPercent)
    {
        var window = WindowOf(timestamp);
        return window >= 0 && (Percent[window] >= thresholdPercent || (window > 0 && Percent[window - 1] >= thresholdPercent));
    }

    /// <summary>The largest steal of the windows overlapping <paramref name="from"/>-<paramref name="to"/> (timestamps); <c>null</c> without windows.</summary>
    public double? WorstBetween(long from, long to)
    {
        var first = WindowOf(from);
        if (first < 0)
        {
            return null;
        }

        var last = WindowOf(to);
        double worst = 0;
        for (var k = first; k <= last; k++)
        {
            worst = Math.Max(worst, Percent[k]);
        }

        return worst;
    }
}
