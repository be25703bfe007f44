using System.Diagnostics;

namespace Gateway.LoadTests;

/// <summary>
/// The closed model for throughput: a fixed number of workers, each sending its next request as soon as the
/// previous one completed, for a bounded time and a bounded number of requests.
/// </summary>
public static class ClosedLoadModel
{
    /// <summary>Runs <paramref name="workers"/> concurrent request loops for <paramref name="duration"/>.</summary>
    public static async Task<LoadMeasurement> RunAsync(
        ScenarioClient client, int workers, TimeSpan duration, long maxRequests, TimeSpan requestTimeout)
    {
        var histogram = LatencyHistograms.Create();
        long succeeded = 0, failed = 0, timedOut = 0, issued = 0;
        using var timeout = new CancellationTokenSource(duration + requestTimeout);
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);

        async Task WorkerAsync()
        {
            while (Stopwatch.GetTimestamp() < end && Interlocked.Increment(ref issued) <= maxRequests)
            {
                var sent = Stopwatch.GetTimestamp();
                var outcome = await client.SendAsync(timeout.Token).ConfigureAwait(false);
                histogram.RecordValue(LatencyHistograms.Microseconds(sent, Stopwatch.GetTimestamp()));
                Interlocked.Increment(ref outcome == RequestOutcome.Succeeded ? ref succeeded : ref failed);
                if (outcome == RequestOutcome.TimedOut)
                {
                    Interlocked.Increment(ref timedOut);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(WorkerAsync))).ConfigureAwait(false);
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return new LoadMeasurement(succeeded, failed, timedOut, seconds, histogram, null, null);
    }
}
