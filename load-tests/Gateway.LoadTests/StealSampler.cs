using System.Diagnostics;

namespace Gateway.LoadTests;

/// <summary>
/// Reads the hypervisor's steal (<see cref="ProcessStats.MachineCpuSeconds"/>) every <see cref="WindowMilliseconds"/>
/// on a thread of its own while an open run is in progress, so that a burst of steal too short to move the run's
/// average — a few hundred milliseconds of a 20 s run — is seen where it happened on the schedule
/// (<see cref="StealWindows"/>). One read of the first line of <c>/proc/stat</c> per window: ≈ 10 reads a second.
/// </summary>
public sealed class StealSampler : IDisposable
{
    /// <summary>Width of one window: 100 ms, ten clock ticks of each CPU.</summary>
    public const int WindowMilliseconds = 100;

    private readonly List<long> _timestamps = [];
    private readonly List<double> _steal = [];
    private readonly long _start;
    private readonly ManualResetEventSlim _stop = new();
    private readonly Thread _thread;

    private StealSampler(long start)
    {
        _start = start;
        _thread = new Thread(Sample) { IsBackground = true, Name = "steal sampler" };
    }

    /// <summary>
    /// Starts sampling at <paramref name="start"/> (a <see cref="Stopwatch"/> timestamp, the schedule's first send);
    /// <c>null</c> where <c>/proc/stat</c> does not answer.
    /// </summary>
    public static StealSampler? Start(long start)
    {
        if (ProcessStats.MachineCpuSeconds() is null)
        {
            return null;
        }

        var sampler = new StealSampler(start);
        sampler._thread.Start();
        return sampler;
    }

    /// <summary>Stops sampling (taking one last sample) and returns the windows.</summary>
    public StealWindows Stop()
    {
        _stop.Set();
        _thread.Join();
        return new StealWindows(_timestamps.ToArray(), _steal.ToArray(), ProcessStats.MachineCpuCount());
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _stop.Set();
        if (_thread.IsAlive)
        {
            _thread.Join();
        }

        _stop.Dispose();
    }

    private void Sample()
    {
        var ticksPerWindow = Stopwatch.Frequency * WindowMilliseconds / 1000;
        Wait(_start);
        for (var window = 1; ; window++)
        {
            if (ProcessStats.MachineCpuSeconds() is { } machine)
            {
                var now = Stopwatch.GetTimestamp();
                // A last window shorter than half a window (the run ended just after a sample) joins the one before
                // it: one clock tick of steal in a few milliseconds would read as a burst.
                if (_timestamps.Count >= 2 && now - _timestamps[^1] < ticksPerWindow / 2)
                {
                    _timestamps.RemoveAt(_timestamps.Count - 1);
                    _steal.RemoveAt(_steal.Count - 1);
                }

                _timestamps.Add(now);
                _steal.Add(machine.Steal);
            }

            if (_stop.IsSet)
            {
                return;
            }

            Wait(_start + window * ticksPerWindow);
        }
    }

    /// <summary>Waits until <paramref name="timestamp"/>, or until told to stop.</summary>
    private void Wait(long timestamp)
    {
        var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
        if (remaining > TimeSpan.Zero)
        {
            _stop.Wait(remaining);
        }
    }
}
