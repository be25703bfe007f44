using System.Diagnostics;

namespace Gateway.LoadTests;

/// <summary>
/// Where an open run's slow requests were on its schedule: the worst latency and the worst dispatch lag of the requests
/// due in each <see cref="SlotMilliseconds"/> slot, recorded lock-free as requests complete and read after the run as
/// stall episodes (<see cref="Summarize"/>). A p99 says how slow; this says when, how often and whether the
/// generator itself was late then — a single stall of 60 ms in a 6 s run at 50 % load is a p99 of ≈ 60 ms by itself.
/// </summary>
public sealed class StallTimeline
{
    /// <summary>Width of one slot of the schedule.</summary>
    public const int SlotMilliseconds = 10;

    private readonly long _start;
    private readonly long _ticksPerSlot = Stopwatch.Frequency * SlotMilliseconds / 1000;
    private readonly long[] _latency;
    private readonly long[] _lag;

    /// <summary>A timeline for a schedule that starts at <paramref name="start"/> (a <see cref="Stopwatch"/> timestamp) and lasts <paramref name="duration"/>.</summary>
    public StallTimeline(long start, TimeSpan duration)
    {
        _start = start;
        var slots = (int)Math.Min(int.MaxValue - 1, (long)Math.Ceiling(duration.TotalMilliseconds / SlotMilliseconds) + 1);
        _latency = new long[slots];
        _lag = new long[slots];
    }

    /// <summary>Records that a request due at <paramref name="intended"/> took <paramref name="microseconds"/> from then to its completion.</summary>
    public void RecordLatency(long intended, long microseconds) => Raise(_latency, Slot(intended), microseconds);

    /// <summary>Records that the generator sent a request due at <paramref name="intended"/> <paramref name="microseconds"/> late.</summary>
    public void RecordLag(long intended, long microseconds) => Raise(_lag, Slot(intended), microseconds);

    /// <summary>
    /// The stall episodes: maximal runs of slots in which some request took at least <paramref name="thresholdMs"/>,
    /// counted, and the <paramref name="keep"/> worst listed in schedule order; with <paramref name="steal"/>, each with
    /// the hypervisor's worst steal from the window before it began to its end.
    /// </summary>
    public StallSummary Summarize(double thresholdMs, int keep = 5, StealWindows? steal = null)
    {
        var threshold = (long)(thresholdMs * 1000);
        var episodes = new List<StallEpisode>();
        for (var slot = 0; slot < _latency.Length; slot++)
        {
            if (Volatile.Read(ref _latency[slot]) < threshold)
            {
                continue;
            }

            var first = slot;
            long worst = 0, worstLag = 0;
            while (slot < _latency.Length && Volatile.Read(ref _latency[slot]) >= threshold)
            {
                worst = Math.Max(worst, _latency[slot]);
                worstLag = Math.Max(worstLag, _lag[slot]);
                slot++;
            }

            episodes.Add(new StallEpisode(
                AtSeconds: Math.Round(first * SlotMilliseconds / 1000.0, 2),
                SpanMs: (slot - first) * SlotMilliseconds,
                WorstLatencyMs: Math.Round(worst / 1000.0, 1),
                WorstDispatchLagMs: Math.Round(worstLag / 1000.0, 1),
                StealPercent: steal?.WorstBetween(
                    _start + (first * _ticksPerSlot) - (Stopwatch.Frequency * StealSampler.WindowMilliseconds / 1000),
                    _start + (slot * _ticksPerSlot))));
        }

        return new StallSummary(
            thresholdMs,
            episodes.Count,
            episodes.Sum(e => e.SpanMs),
            episodes.OrderByDescending(e => e.WorstLatencyMs).Take(keep).OrderBy(e => e.AtSeconds).ToArray());
    }

    private int Slot(long intended) => (int)Math.Clamp((intended - _start) / _ticksPerSlot, 0, _latency.Length - 1);

    private static void Raise(long[] slots, int slot, long value)
    {
        var current = Volatile.Read(ref slots[slot]);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref slots[slot], value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
