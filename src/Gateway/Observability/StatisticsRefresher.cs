using Gateway.Accounts;
using Gateway.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gateway.Observability;

/// <summary>Refreshes the active-accounts and active-keys gauges every 30 seconds in the background.</summary>
public sealed partial class StatisticsRefresher(IAccountStore store, GatewayMetrics metrics, TimeProvider time, ILogger<StatisticsRefresher> logger)
    : BackgroundService
{
    /// <summary>How often the gauges are refreshed.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            do
            {
                try
                {
                    var statistics = await store.GetStatisticsAsync(time.GetUtcNow(), stoppingToken);
                    metrics.ActiveAccounts.Set(statistics.ActiveAccounts);
                    metrics.ActiveKeys.Set(statistics.ActiveKeys);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogFailed(logger, ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping (also when the start failed before the host began to stop): not a failure of this service.
        }
    }

    [LoggerMessage(EventId = EventIds.Observability.StatisticsRefreshFailed, Level = LogLevel.Warning, Message = "Refreshing the account and key gauges failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
