using System.Collections.Concurrent;
using System.Diagnostics;

namespace Gateway.FunctionalTests.Infrastructure;

/// <summary>
/// Records every activity of every source in this process that stops while it is alive, so a test can search span
/// names and attributes; dispose it to stop listening. It asks for all data but never marks an activity sampled
/// (<see cref="ActivitySamplingResult.AllData"/>): the process-wide listener must not overrule the sampling decision
/// of another test's gateway running at the same time (a ratio-0 sampler's unsampled trace would leave it sampled).
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
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            SampleUsingParentId = (ref ActivityCreationOptions<string> _) => ActivitySamplingResult.AllData,
            ActivityStopped = _stopped.Add,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The activities stopped so far.</summary>
    public IReadOnlyCollection<Activity> Stopped => _stopped;

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();
}
