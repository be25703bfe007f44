using Prometheus;

namespace Gateway.Telemetry;

/// <summary>
/// Every metric the gateway exports, created once per gateway in its own registry (so several gateways in one
/// process do not share counters) and exported on the status listener's <c>/metrics</c>. Labels are low-cardinality
/// only: route id, scheme, outcome, reason, store, operation — never a principal, key or path.
/// </summary>
public sealed class GatewayMetrics
{
    private static readonly double[] LatencyBuckets =
        [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>Creates the metrics in <paramref name="registry"/>.</summary>
    public GatewayMetrics(CollectorRegistry registry)
    {
        Registry = registry;
        var factory = Metrics.WithCustomRegistry(registry);
        // prometheus-net's default takes an exemplar (trace and span id, timestamp) from Activity.Current on every
        // Inc/Observe — per request, for something only an OpenMetrics scrape shows. None here (PERFORMANCE.md).
        factory.ExemplarBehavior = ExemplarBehavior.NoExemplars();
        Requests = factory.CreateCounter("gateway_requests_total",
            "Proxied requests by route and outcome (status class 2xx..5xx).",
            new CounterConfiguration { LabelNames = ["route", "outcome"] });
        RequestDuration = factory.CreateHistogram("gateway_request_duration_seconds",
            "Time from the request's arrival to the end of the proxied response, by route.",
            new HistogramConfiguration { LabelNames = ["route"], Buckets = LatencyBuckets });
        Authentications = factory.CreateCounter("gateway_authentication_total",
            "Authentication attempts by scheme (api-key, rfc9421, aws-sigv4), result (success, failure) and reason (an error code, or ok).",
            new CounterConfiguration { LabelNames = ["scheme", "result", "reason"] });
        AuthenticationDuration = factory.CreateHistogram("gateway_authentication_duration_seconds",
            "Time spent authenticating a request (parse, lookup, verify, nonce), by scheme.",
            new HistogramConfiguration { LabelNames = ["scheme"], Buckets = LatencyBuckets });
        ReplayRejections = factory.CreateCounter("gateway_replay_rejections_total",
            "Signed requests refused because their nonce or signature was already seen, by scheme.",
            new CounterConfiguration { LabelNames = ["scheme"] });
        StoreErrors = factory.CreateCounter("gateway_store_errors_total",
            "Failed calls to the credential store or the nonce store, by store (sqlite, redis, memory) and operation.",
            new CounterConfiguration { LabelNames = ["store", "operation"] });
        StoreDuration = factory.CreateHistogram("gateway_store_operation_duration_seconds",
            "Latency of credential-store and nonce-store calls, by store and operation.",
            new HistogramConfiguration { LabelNames = ["store", "operation"], Buckets = LatencyBuckets });
        CacheHits = factory.CreateCounter("gateway_credential_cache_hits_total", "Credential lookups answered from the in-process cache.");
        CacheMisses = factory.CreateCounter("gateway_credential_cache_misses_total", "Credential lookups that went to the store.");
        CacheNotAdmitted = factory.CreateCounter("gateway_credential_cache_not_admitted_total",
            "Store answers served but not cached: their key id had not missed recently (Gateway:CredentialCache:Admission = SecondSighting, or Adaptive once the cache is a quarter full).");
        CacheEvictions = factory.CreateCounter("gateway_credential_cache_evictions_total",
            "Credential cache entries dropped, by reason (invalidated: a change or a reconnect; expired: lifetime ran out).",
            new CounterConfiguration { LabelNames = ["reason"] });
        AuditQueueDepth = factory.CreateGauge("gateway_audit_queue_depth", "Audit events waiting to be written.");
        AuditWritten = factory.CreateCounter("gateway_audit_events_written_total", "Audit events written to the store, by kind (admin, request).",
            new CounterConfiguration { LabelNames = ["kind"] });
        AuditDropped = factory.CreateCounter("gateway_audit_events_dropped_total",
            "Request audit events dropped, by reason (queue_full, store_error). Admin events are never dropped: the change fails instead.",
            new CounterConfiguration { LabelNames = ["reason"] });
        RoutesReloadFailures = factory.CreateCounter("gateway_routes_reload_failures_total",
            "Changes to the routes file (Gateway:RoutesFile) that could not be loaded; the last good routes stay live.");
        ActiveAccounts = factory.CreateGauge("gateway_active_accounts", "Service accounts with status active (refreshed in the background).");
        ActiveKeys = factory.CreateGauge("gateway_active_keys", "Keys neither revoked nor expired (refreshed in the background).");
    }

    /// <summary>The registry <c>/metrics</c> exports.</summary>
    public CollectorRegistry Registry { get; }

    public Counter Requests { get; }

    public Histogram RequestDuration { get; }

    public Counter Authentications { get; }

    public Histogram AuthenticationDuration { get; }

    public Counter ReplayRejections { get; }

    public Counter StoreErrors { get; }

    public Histogram StoreDuration { get; }

    public Counter CacheHits { get; }

    public Counter CacheMisses { get; }

    public Counter CacheNotAdmitted { get; }

    public Counter CacheEvictions { get; }

    public Gauge AuditQueueDepth { get; }

    public Counter AuditWritten { get; }

    public Counter AuditDropped { get; }

    public Counter RoutesReloadFailures { get; }

    public Gauge ActiveAccounts { get; }

    public Gauge ActiveKeys { get; }
}
