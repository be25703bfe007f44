using System.Diagnostics;
using Gateway.Telemetry;

namespace Gateway.Replay;

/// <summary>
/// A nonce store's own metrics (store <c>redis</c> or <c>memory</c>; operations <c>reserve_nonce</c>,
/// <c>release_nonce</c>, <c>ping</c>): the reservation's latency and every call that failed. The stores record them
/// themselves, in their one async method, instead of through a decorator that added a second async layer to every
/// signed request. The label children are bound once, here.
/// </summary>
public sealed class NonceStoreInstruments
{
    private readonly Prometheus.Histogram.Child _reserveDuration;
    private readonly Prometheus.Counter.Child _reserveErrors;
    private readonly Prometheus.Counter.Child _releaseErrors;
    private readonly Prometheus.Counter.Child _pingErrors;

    /// <summary>Binds the series of <paramref name="storeName"/> in <paramref name="metrics"/>.</summary>
    public NonceStoreInstruments(GatewayMetrics metrics, string storeName)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        _reserveDuration = metrics.StoreDuration.WithLabels(storeName, "reserve_nonce");
        _reserveErrors = metrics.StoreErrors.WithLabels(storeName, "reserve_nonce");
        _releaseErrors = metrics.StoreErrors.WithLabels(storeName, "release_nonce");
        _pingErrors = metrics.StoreErrors.WithLabels(storeName, "ping");
    }

    /// <summary>Records a reservation that started at <paramref name="started"/> (a <see cref="Stopwatch"/> timestamp), answered or not.</summary>
    public void Reserved(long started) => _reserveDuration.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);

    /// <summary>Counts a reservation the store could not answer.</summary>
    public void ReserveFailed() => _reserveErrors.Inc();

    /// <summary>Counts a release the store could not answer.</summary>
    public void ReleaseFailed() => _releaseErrors.Inc();

    /// <summary>Counts a ping the store could not answer.</summary>
    public void PingFailed() => _pingErrors.Inc();
}
