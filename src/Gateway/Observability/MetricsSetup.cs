using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Prometheus;

namespace Gateway.Observability;

/// <summary>
/// Creates each gateway's metrics registry (with .NET runtime and process metrics) and bridges the .NET meters of
/// ASP.NET Core, Kestrel, HttpClient and YARP into it for as long as the gateway runs. prometheus-net's own default
/// registry is switched off, so nothing is aggregated that no one scrapes.
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

    /// <summary>Brings the credential cache's own counters (hits, misses, evictions) into the registry at every scrape.</summary>
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
            metrics.CacheEvictions.WithLabels("invalidated").IncTo(cache.EvictedInvalidated);
            metrics.CacheEvictions.WithLabels("expired").IncTo(cache.EvictedExpired);
        });
    }

    /// <summary>Meter name prefixes bridged into the registry: ASP.NET Core (hosting, Kestrel, routing, auth), HttpClient, the runtime.</summary>
    public static readonly string[] MeterPrefixes = ["Microsoft.AspNetCore.", "System.Net.Http", "System.Runtime"];

    /// <summary>
    /// Publishes the .NET meters named by <see cref="MeterPrefixes"/> and YARP's <c>Yarp.ReverseProxy</c> event
    /// counters into the gateway's registry until the application stops.
    /// </summary>
    public static void ListenToMeters(WebApplication app, GatewayMetrics metrics)
    {
        var factory = Metrics.WithCustomRegistry(metrics.Registry);
        var meters = MeterAdapter.StartListening(new MeterAdapterOptions
        {
            Registry = metrics.Registry,
            MetricFactory = factory,
            InstrumentFilterPredicate = instrument => MeterPrefixes.Any(p => instrument.Meter.Name.StartsWith(p, StringComparison.Ordinal)),
        });
        var counters = EventCounterAdapter.StartListening(new EventCounterAdapterOptions
        {
            MetricFactory = factory,
            EventSourceFilterPredicate = name => name == "Yarp.ReverseProxy",
        });
        var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
        lifetime.ApplicationStopped.Register(meters.Dispose);
        lifetime.ApplicationStopped.Register(counters.Dispose);
    }
}
