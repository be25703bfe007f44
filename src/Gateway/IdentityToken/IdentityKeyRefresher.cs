using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gateway.IdentityToken;

/// <summary>
/// Loads the signing keys at start-up, then re-reads them on every announced change and every
/// <see cref="IdentityTokenOptions.RefreshInterval"/> (which also removes retired keys that are due). A failure is
/// logged and retried; until keys are loaded, routes that need a token answer 503.
/// </summary>
public sealed partial class IdentityKeyRefresher(
    IdentityKeyRing ring,
    IIdentityKeyStore store,
    TimeProvider time,
    IOptions<IdentityTokenOptions> options,
    ILogger<IdentityKeyRefresher> logger) : BackgroundService
{
    /// <inheritdoc />
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await TryRefreshAsync(cancellationToken);
        try
        {
            await store.SubscribeAsync(() => _ = TryRefreshAsync(CancellationToken.None));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRefreshFailed(logger, ex);
        }

        await base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.RefreshInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await TryRefreshAsync(stoppingToken);
        }
    }

    private async Task TryRefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ring.RefreshAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRefreshFailed(logger, ex);
        }
    }

    [LoggerMessage(EventId = EventIds.IdentityToken.KeysRefreshFailed, Level = LogLevel.Error, Message = "Could not load the identity-token signing keys; retrying on the refresh interval")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
