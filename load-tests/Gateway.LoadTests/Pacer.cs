using System.Diagnostics;

namespace Gateway.LoadTests;

/// <summary>
/// Waits for the next send time of the open model's fixed schedule. .NET timers tick in whole milliseconds, far too
/// coarse for a schedule of one request every 100-500 µs, so on Linux the dedicated dispatcher thread sleeps with
/// <c>nanosleep(2)</c> (tens of microseconds of slack) instead. This paces arrivals; it synchronises nothing:
/// latency is measured from the intended send time, so any lateness of the pacer itself is counted, not hidden.
/// </summary>
internal static class Pacer
{
    private static readonly double NanosecondsPerTick = 1_000_000_000.0 / Stopwatch.Frequency;

    /// <summary>
    /// Returns once <see cref="Stopwatch.GetTimestamp"/> has reached <paramref name="timestamp"/>. With
    /// <paramref name="spin"/> the thread never sleeps: it yields the CPU to other runnable threads until the time
    /// comes, because waking an idle virtual CPU from a timer can take milliseconds (measured p99 ≈ 2.5 ms on the
    /// 2-core VM this was built on). Spin only when the generator has CPUs of its own.
    /// </summary>
    public static void WaitUntil(long timestamp, bool spin)
    {
        while (true)
        {
            var remaining = timestamp - Stopwatch.GetTimestamp();
            if (remaining <= 0)
            {
                return;
            }

            if (spin)
            {
                Thread.Yield();
                continue;
            }

            var nanoseconds = (long)(remaining * NanosecondsPerTick);
            if (OperatingSystem.IsLinux())
            {
                var request = new Timespec { Seconds = nanoseconds / 1_000_000_000, Nanoseconds = nanoseconds % 1_000_000_000 };
                NativeMethods.NanoSleep(in request, IntPtr.Zero);
            }
            else
            {
                using var wait = new ManualResetEventSlim();
                wait.Wait(TimeSpan.FromTicks(Math.Max(1, nanoseconds / 100)));
            }
        }
    }
}
