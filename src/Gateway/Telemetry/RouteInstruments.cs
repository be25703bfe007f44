using System.Runtime.CompilerServices;
using Prometheus;
using Yarp.ReverseProxy.Model;

namespace Gateway.Telemetry;

/// <summary>
/// One route's request metrics, bound to their labels once (<c>gateway_requests_total</c> per status class and
/// <c>gateway_request_duration_seconds</c>), so that counting a request is no label lookup, array or string work.
/// Held per <see cref="RouteModel"/> by <see cref="For"/>; a reloaded route gets the same children again.
/// </summary>
public sealed class RouteInstruments
{
    private static readonly ConditionalWeakTable<RouteModel, RouteInstruments> Bound = new();
    private readonly Counter.Child[] _outcomes;

    private RouteInstruments(GatewayMetrics metrics, string routeId)
    {
        _outcomes =
        [
            metrics.Requests.WithLabels(routeId, "2xx"),
            metrics.Requests.WithLabels(routeId, "3xx"),
            metrics.Requests.WithLabels(routeId, "4xx"),
            metrics.Requests.WithLabels(routeId, "5xx"),
        ];
        Duration = metrics.RequestDuration.WithLabels(routeId);
        Metrics = metrics;
    }

    /// <summary><c>gateway_request_duration_seconds{route}</c>.</summary>
    public Histogram.Child Duration { get; }

    private GatewayMetrics Metrics { get; }

    /// <summary>The instruments of <paramref name="route"/> in <paramref name="metrics"/>, bound on first use.</summary>
    public static RouteInstruments For(GatewayMetrics metrics, RouteModel route)
    {
        if (Bound.TryGetValue(route, out var bound) && ReferenceEquals(bound.Metrics, metrics))
        {
            return bound;
        }

        bound = new RouteInstruments(metrics, route.Config.RouteId);
        Bound.AddOrUpdate(route, bound);
        return bound;
    }

    /// <summary><c>gateway_requests_total{route, outcome}</c> for a response with <paramref name="status"/>.</summary>
    public Counter.Child Outcome(int status) => _outcomes[status switch
    {
        < 300 => 0,
        < 400 => 1,
        < 500 => 2,
        _ => 3,
    }];
}
