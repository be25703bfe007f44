using Gateway.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Prometheus;

namespace Gateway.Observability;

/// <summary>
/// Creates each gateway's metrics registry (with .NET runtime and process metrics) and bridges the .NET meters chosen
/// by <see cref="MetricsOptions.Meters"/> (by default Kestrel's connection instruments, not the per-request ones) and
/// YARP's event counters into it for as long as the gateway runs. prometheus-net's own default registry is switched
/// off, so nothing is aggregated that no one scrapes.
/// </summary>
public static class MetricsSetup
{
    private static readonly Lock SuppressLock = new();
    private static bool _suppressed;

    /// <summary>A new registry with runtime metrics, and the gateway's metrics in it.</summary>
    public static GatewayMetrics Create()
    {
        lock (SuppressLock)
        {
            if (!_suppressed)
            {
                Metrics.SuppressDefaultMetrics();
                _suppressed = true;
            }
        }

        var registry = Metrics.NewCustomRegistry();
        DotNetStats.Register(registry);
        return new GatewayMetrics(registry);
    }

    /// <summary>Brings the credential cache's own counters (hits, misses, answers not admitted, evictions) into the registry at every scrape.</summary>
    public static void ObserveCredentialCache(WebApplication app, GatewayMetrics metrics)
    {
        if (app.Services.GetRequiredService<Accounts.ICredentialCache>() is not Accounts.CredentialCache cache)
        {
            return;
        }

        metrics.Registry.AddBeforeCollectCallback(() =>
        {
            metrics.CacheHits.IncTo(cache.Hits);
            metrics.CacheMisses.IncTo(cache.Misses);
            metrics.CacheNotAdmitted.IncTo(cache.NotAdmitted);
            metrics.CacheEvictions.WithLabels("invalidated").IncTo(cache.EvictedInvalidated);
            metrics.CacheEvictions.WithLabels("expired").IncTo(cache.EvictedExpired);
        });
    }

    /// <summary>
    /// Publishes the .NET instruments <paramref name="options"/> names and, unless turned off, YARP's
    /// <c>Yarp.ReverseProxy</c> event counters into the gateway's registry until the application stops.
    /// </summary>
    public static void ListenToMeters(WebApplication app, GatewayMetrics metrics, MetricsOptions options)
    {
        var factory = Metrics.WithCustomRegistry(metrics.Registry);
        var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
        var prefixes = options.MeterPrefixes();
        if (prefixes.Length > 0)
        {
            var meters = MeterAdapter.StartListening(new MeterAdapterOptions
            {
                Registry = metrics.Registry,
                MetricFactory = factory,
                InstrumentFilterPredicate = instrument => IsBridged(prefixes, instrument.Meter.Name, instrument.Name),
            });
            lifetime.ApplicationStopped.Register(meters.Dispose);
        }

        if (options.YarpEventCounters)
        {
            var counters = EventCounterAdapter.StartListening(new EventCounterAdapterOptions
            {
                MetricFactory = factory,
                EventSourceFilterPredicate = name => name == "Yarp.ReverseProxy",
            });
            lifetime.ApplicationStopped.Register(counters.Dispose);
        }
    }

    /// <summary>Whether the instrument <paramref name="instrument"/> of <paramref name="meter"/> matches one of <paramref name="prefixes"/> (of <c>meter/instrument</c>).</summary>
    public static bool IsBridged(IEnumerable<string> prefixes, string meter, string instrument)
    {
        var name = meter + "/" + instrument;
        return prefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));
    }
}
