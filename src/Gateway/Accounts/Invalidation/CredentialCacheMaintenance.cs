using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Gateway.Accounts.Invalidation;

/// <summary>
/// Every <c>Gateway:CredentialCache:ResyncInterval</c> (default 30 s): sweeps expired cache entries and reloads the
/// custom roles from the store, which covers a role change whose broadcast was missed.
/// </summary>
public sealed class CredentialCacheMaintenance(
    ICredentialCache cache,
    InvalidationApplier applier,
    IOptions<CredentialCacheOptions> options,
    TimeProvider time) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ResyncInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                cache.Sweep();
                await applier.ReloadRolesAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
