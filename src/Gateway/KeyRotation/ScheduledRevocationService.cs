using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gateway.KeyRotation;

/// <summary>
/// Runs <see cref="ScheduledRevocations.SweepAsync"/> every <see cref="Interval"/> (on the injected
/// <see cref="TimeProvider"/>). A failed sweep is logged and retried at the next tick, whatever the failure: an
/// unreachable store, or an error the store did not classify (a SQLite code it does not map) — an exception that left
/// this loop would stop the whole host, a single sweep is not worth that. A failure that persists is logged when it
/// starts (event 1752), then at most once per <see cref="FailureLogInterval"/> with the count of failed sweeps (1753),
/// and its end once (1754): an outage does not write a warning every second.
/// </summary>
public sealed partial class ScheduledRevocationService(
    ScheduledRevocations revocations, TimeProvider time, ILogger<ScheduledRevocationService> logger) : BackgroundService
{
    /// <summary>Time between sweeps: 1 second. Authentication is exact regardless; this bounds when the audit event and <c>revokedAt</c> appear.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>While sweeps keep failing, how often the failure is logged again: 1 minute.</summary>
    public static readonly TimeSpan FailureLogInterval = TimeSpan.FromMinutes(1);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        var failed = 0;
        var loggedAt = DateTimeOffset.MinValue;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await revocations.SweepAsync(stoppingToken);
                if (failed > 0)
                {
                    LogSweepRecovered(logger, failed);
                    failed = 0;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                var now = time.GetUtcNow();
                if (++failed == 1)
                {
                    loggedAt = now;
                    LogSweepFailed(logger, ex);
                }
                else if (now - loggedAt >= FailureLogInterval)
                {
                    loggedAt = now;
                    LogSweepStillFailing(logger, failed, ex);
                }
            }
        }
    }

    [LoggerMessage(EventId = EventIds.KeyRotation.SweepFailed, Level = LogLevel.Warning, Message = "The scheduled-revocation sweep failed; retrying at the next tick")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = EventIds.KeyRotation.SweepStillFailing, Level = LogLevel.Warning,
        Message = "The scheduled-revocation sweep still fails: {FailedSweeps} sweeps in a row; retrying every tick, logged at most once a minute")]
    private static partial void LogSweepStillFailing(ILogger logger, int failedSweeps, Exception exception);

    [LoggerMessage(EventId = EventIds.KeyRotation.SweepRecovered, Level = LogLevel.Information,
        Message = "The scheduled-revocation sweep succeeded again after {FailedSweeps} failed sweeps")]
    private static partial void LogSweepRecovered(ILogger logger, int failedSweeps);
}
