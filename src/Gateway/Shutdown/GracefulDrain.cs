using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gateway.Shutdown;

/// <summary>
/// The first step of shutdown (<see cref="IHostedLifecycleService.StoppingAsync"/> runs before any service stops):
/// turns <c>/readyz</c> to 503 and keeps serving for <see cref="ShutdownOptions.DrainDelay"/>, then stops the
/// server — it stops accepting connections and waits up to <see cref="ShutdownOptions.Timeout"/> for in-flight
/// requests. The audit writer, stopping after it, then writes what is still queued.
/// </summary>
public sealed partial class GracefulDrain(
    DrainState state,
    IServer server,
    IOptions<ShutdownOptions> options,
    TimeProvider time,
    ILogger<GracefulDrain> logger) : IHostedLifecycleService
{
    /// <inheritdoc />
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        state.Begin();
        LogDraining(logger, settings.DrainDelay);
        if (settings.DrainDelay > TimeSpan.Zero)
        {
            await Task.Delay(settings.DrainDelay, time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        var started = time.GetTimestamp();
        LogClosing(logger, settings.Timeout);
        using var deadline = new CancellationTokenSource(settings.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        await server.StopAsync(linked.Token);
        if (linked.IsCancellationRequested)
        {
            LogAborted(logger, settings.Timeout);
        }
        else
        {
            LogDrained(logger, time.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    /// <inheritdoc />
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = EventIds.Shutdown.Draining, Level = LogLevel.Information,
        Message = "Shutting down: /readyz answers 503; still serving for the drain delay ({DrainDelay})")]
    private static partial void LogDraining(ILogger logger, TimeSpan drainDelay);

    [LoggerMessage(EventId = EventIds.Shutdown.Closing, Level = LogLevel.Information,
        Message = "Listeners closed; waiting up to {Timeout} for in-flight requests")]
    private static partial void LogClosing(ILogger logger, TimeSpan timeout);

    [LoggerMessage(EventId = EventIds.Shutdown.Drained, Level = LogLevel.Information, Message = "In-flight requests finished in {ElapsedMs:F0} ms")]
    private static partial void LogDrained(ILogger logger, double elapsedMs);

    [LoggerMessage(EventId = EventIds.Shutdown.Aborted, Level = LogLevel.Warning,
        Message = "In-flight requests did not finish within {Timeout}; the remaining connections were aborted")]
    private static partial void LogAborted(ILogger logger, TimeSpan timeout);
}
