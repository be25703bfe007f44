using Gateway.Telemetry;
using Prometheus;

namespace Gateway.Federation.Exchange;

/// <summary>
/// <c>gateway_federation_exchanges_total{outcome}</c>: token exchanges by outcome — <c>success</c>,
/// <c>invalid_request</c>, <c>invalid_token</c>, <c>no_policy</c>, <c>replayed</c>, <c>unavailable</c>. No
/// principal, issuer or policy labels (cardinality); those are in the audit trail and the logs.
/// </summary>
public sealed class FederationMetrics
{
    /// <summary>Every outcome label, pre-bound at start so each series exists from the first scrape.</summary>
    public static readonly string[] Outcomes = ["success", "invalid_request", "invalid_token", "no_policy", "replayed", "unavailable"];

    private readonly Counter _exchanges;

    /// <summary>Creates the counter in the gateway's registry.</summary>
    public FederationMetrics(GatewayMetrics metrics)
    {
        _exchanges = Metrics.WithCustomRegistry(metrics.Registry).CreateCounter("gateway_federation_exchanges_total",
            "OIDC token exchanges at /.gateway/token by outcome.", new CounterConfiguration { LabelNames = ["outcome"] });
        foreach (var outcome in Outcomes)
        {
            _exchanges.WithLabels(outcome);
        }
    }

    /// <summary>Counts one exchange with <paramref name="outcome"/>.</summary>
    public void Count(string outcome) => _exchanges.WithLabels(outcome).Inc();
}
