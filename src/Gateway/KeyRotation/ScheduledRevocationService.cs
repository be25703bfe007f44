using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gateway.KeyRotation;

/// <summary>
/// Runs <see cref="ScheduledRevocations.SweepAsync"/> every <see cref="Interval"/> (on the injected
/// <see cref="TimeProvider"/>). A failed sweep is logged and retried at the next tick, whatever the failure: an
/// unreachable store, or an error the store did not classify (a SQLite code it does not map) — an exception that left
/// this loop would stop the whole host, a single sweep is not worth that.
/// </summary>
public sealed partial class ScheduledRevocationService(
    ScheduledRevocations revocations, TimeProvider time, ILogger<ScheduledRevocationService> logger) : BackgroundService
{
    /// <summary>Time between sweeps: 1 second. Authentication is exact regardless; this bounds when the audit event and <c>revokedAt</c> appear.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await revocations.SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogSweepFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(EventId = EventIds.KeyRotation.SweepFailed, Level = LogLevel.Warning, Message = "The scheduled-revocation sweep failed; retrying at the next tick")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
