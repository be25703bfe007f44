using System.Diagnostics;

namespace Gateway.LoadTests;

/// <summary>
/// The open model for latency: requests arrive on a fixed schedule (request <c>i</c> is due at
/// <c>start + i / rate</c>) whether or not earlier ones have completed, and each latency is measured from the
/// request's intended send time, so a stall delays every request scheduled during it and shows in the percentiles
/// instead of silently lowering the offered load (coordinated omission). Bounded by count and time.
/// </summary>
public static class OpenLoadModel
{
    /// <summary>
    /// Offers <paramref name="rate"/> requests/s for <paramref name="duration"/>; <paramref name="spin"/> as in
    /// <see cref="Pacer"/>. With <paramref name="windowStealPercent"/> above 0 the hypervisor's steal is sampled every
    /// 100 ms during the run (<see cref="StealSampler"/>) and the run is also read over its quiet windows
    /// (<see cref="QuietWindowsSummary"/>).
    /// </summary>
    public static async Task<LoadMeasurement> RunAsync(
        ScenarioClient client, double rate, TimeSpan duration, long maxRequests, TimeSpan requestTimeout, bool spin, double windowStealPercent)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rate);
        var total = (long)Math.Min(maxRequests, Math.Max(1, Math.Round(rate * duration.TotalSeconds)));
        var ticksPerRequest = Stopwatch.Frequency / rate;
        var histogram = LatencyHistograms.Create();
        var lag = LatencyHistograms.Create();
        long succeeded = 0, failed = 0, timedOut = 0, outstanding = total;
        var completed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var dispatched = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var timeout = new CancellationTokenSource(duration + requestTimeout);
        var start = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 1000;
        var timeline = new StallTimeline(start, TimeSpan.FromSeconds(total / rate));
        // Each request's latency by its place on the schedule, to read the run again over the host's quiet windows.
        var latencies = windowStealPercent > 0 ? new int[total] : null;
        using var sampler = windowStealPercent > 0 ? StealSampler.Start(start) : null;

        async Task SendAsync(long index, long intended)
        {
            var outcome = RequestOutcome.Failed;
            try
            {
                outcome = await client.SendAsync(timeout.Token).ConfigureAwait(false);
            }
            finally
            {
                var latency = LatencyHistograms.Microseconds(intended, Stopwatch.GetTimestamp());
                histogram.RecordValue(latency);
                timeline.RecordLatency(intended, latency);
                if (latencies is not null)
                {
                    latencies[index] = (int)latency;
                }

                Interlocked.Increment(ref outcome == RequestOutcome.Succeeded ? ref succeeded : ref failed);
                if (outcome == RequestOutcome.TimedOut)
                {
                    Interlocked.Increment(ref timedOut);
                }

                if (Interlocked.Decrement(ref outstanding) == 0)
                {
                    completed.TrySetResult();
                }
            }
        }

        var dispatcher = new Thread(() =>
        {
            try
            {
                for (long i = 0; i < total; i++)
                {
                    var intended = start + (long)(i * ticksPerRequest);
                    Pacer.WaitUntil(intended, spin);
                    var late = LatencyHistograms.Microseconds(intended, Stopwatch.GetTimestamp());
                    lag.RecordValue(late);
                    timeline.RecordLag(intended, late);
                    _ = SendAsync(i, intended);
                }

                dispatched.TrySetResult();
            }
            catch (Exception ex)
            {
                dispatched.TrySetException(ex);
            }
        })
        {
            IsBackground = true,
            Name = "open-model dispatcher",
            Priority = ThreadPriority.AboveNormal,
        };
        dispatcher.Start();

        await dispatched.Task.ConfigureAwait(false);
        try
        {
            await completed.Task.WaitAsync(requestTimeout + duration).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await timeout.CancelAsync().ConfigureAwait(false);
            await completed.Task.WaitAsync(requestTimeout).ConfigureAwait(false);
        }

        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var steal = sampler?.Stop();
        var quiet = steal is not null && latencies is not null
            ? Quiet(steal, windowStealPercent, latencies, i => start + (long)(i * ticksPerRequest))
            : null;
        return new LoadMeasurement(succeeded, failed, timedOut, seconds, histogram, lag, timeline, steal, quiet);
    }

    /// <summary>
    /// The run over the host's quiet windows: every request but those due in a window of <paramref name="steal"/> that
    /// reached <paramref name="thresholdPercent"/>, or in the window after it.
    /// </summary>
    public static QuietWindowsSummary Quiet(StealWindows steal, double thresholdPercent, int[] latencies, Func<long, long> intended)
    {
        var histogram = LatencyHistograms.Create();
        for (long i = 0; i < latencies.Length; i++)
        {
            if (!steal.Disturbed(intended(i), thresholdPercent))
            {
                histogram.RecordValue(Math.Max(1, latencies[i]));
            }
        }

        return new QuietWindowsSummary(
            thresholdPercent,
            steal.Percent.Length,
            steal.Percent.Count(p => p >= thresholdPercent),
            steal.Percent.DefaultIfEmpty(0).Max(),
            latencies.Length > 0 ? Math.Round(histogram.TotalCount * 100.0 / latencies.Length, 1) : 100,
            histogram.TotalCount > 0 ? LatencySummary.From(histogram) : null);
    }
}
