using System.Collections.Concurrent;
using System.Diagnostics;

namespace Gateway.FunctionalTests.Infrastructure;

/// <summary>
/// Records every activity of every source in this process that stops while it is alive (all data, sampled), so a
/// test can search span names and attributes; dispose it to stop listening.
/// </summary>
public sealed class RecordedActivities : IDisposable
{
    private readonly ConcurrentBag<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    /// <summary>Starts listening.</summary>
    public RecordedActivities()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Add,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The activities stopped so far.</summary>
    public IReadOnlyCollection<Activity> Stopped => _stopped;

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();
}
