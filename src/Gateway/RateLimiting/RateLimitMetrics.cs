using System.Runtime.CompilerServices;
using Gateway.Telemetry;
using Prometheus;
using Yarp.ReverseProxy.Configuration;

namespace Gateway.RateLimiting;

/// <summary>
/// The limiter's Prometheus metrics: <c>gateway_ratelimit_decisions_total{route, outcome}</c> (no principal labels),
/// <c>gateway_ratelimit_redis_failures_total</c> and <c>gateway_ratelimit_fallback_decisions_total</c> (fail-open
/// decisions made by the local limiter while Redis was away).
/// </summary>
public sealed class RateLimitMetrics
{
    private static readonly string[] Outcomes = ["admitted", "rate_limited", "quota_exceeded", "replayed", "unavailable"];

    private readonly ConditionalWeakTable<RouteConfig, Counter.Child[]> _byRoute = new();
    private readonly Counter _decisions;

    /// <summary>Creates the metrics in the gateway's registry.</summary>
    public RateLimitMetrics(GatewayMetrics metrics)
    {
        var factory = Metrics.WithCustomRegistry(metrics.Registry);
        _decisions = factory.CreateCounter("gateway_ratelimit_decisions_total",
            "Rate limit decisions on limited routes, by route and outcome.", "route", "outcome");
        RedisFailures = factory.CreateCounter("gateway_ratelimit_redis_failures_total",
            "Rate limit decisions Redis did not answer.");
        Fallbacks = factory.CreateCounter("gateway_ratelimit_fallback_decisions_total",
            "Rate limit decisions made by the per-replica local limiter because Redis did not answer (fail-open).");
    }

    /// <summary>Redis did not answer.</summary>
    public Counter RedisFailures { get; }

    /// <summary>Decided locally while Redis was away.</summary>
    public Counter Fallbacks { get; }

    /// <summary>Counts one decision on <paramref name="route"/>.</summary>
    public void Count(RouteConfig route, RateLimitOutcome outcome) =>
        _byRoute.GetValue(route, r => Outcomes.Select(o => _decisions.WithLabels(r.RouteId, o)).ToArray())[(int)outcome].Inc();
}
