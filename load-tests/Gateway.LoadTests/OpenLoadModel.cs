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
    /// <summary>Offers <paramref name="rate"/> requests/s for <paramref name="duration"/>; <paramref name="spin"/> as in <see cref="Pacer"/>.</summary>
    public static async Task<LoadMeasurement> RunAsync(
        ScenarioClient client, double rate, TimeSpan duration, long maxRequests, TimeSpan requestTimeout, bool spin)
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

        async Task SendAsync(long intended)
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
                    _ = SendAsync(intended);
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
        return new LoadMeasurement(succeeded, failed, timedOut, seconds, histogram, lag, timeline);
    }
}
