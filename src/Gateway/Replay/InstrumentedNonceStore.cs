using System.Diagnostics;
using Gateway.Telemetry;

namespace Gateway.Replay;

/// <summary>Decorates an <see cref="INonceStore"/> with latency and error metrics (operation <c>reserve_nonce</c>).</summary>
public sealed class InstrumentedNonceStore(INonceStore inner, GatewayMetrics metrics, string storeName) : INonceStore
{
    private readonly Prometheus.Histogram.Child _reserveDuration = metrics.StoreDuration.WithLabels(storeName, "reserve_nonce");

    /// <inheritdoc />
    public async ValueTask<bool> TryReserveAsync(string keyId, string replayKey, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await inner.TryReserveAsync(keyId, replayKey, ttl, cancellationToken);
        }
        catch (NonceStoreUnavailableException)
        {
            metrics.StoreErrors.WithLabels(storeName, "reserve_nonce").Inc();
            throw;
        }
        finally
        {
            _reserveDuration.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }

    /// <inheritdoc />
    public async ValueTask ReleaseAsync(string keyId, string replayKey, CancellationToken cancellationToken)
    {
        try
        {
            await inner.ReleaseAsync(keyId, replayKey, cancellationToken);
        }
        catch (NonceStoreUnavailableException)
        {
            metrics.StoreErrors.WithLabels(storeName, "release_nonce").Inc();
            throw;
        }
    }

    /// <inheritdoc />
    public async Task PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await inner.PingAsync(cancellationToken);
        }
        catch (NonceStoreUnavailableException)
        {
            metrics.StoreErrors.WithLabels(storeName, "ping").Inc();
            throw;
        }
    }
}
