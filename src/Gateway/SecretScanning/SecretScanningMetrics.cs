using Gateway.Telemetry;
using Prometheus;

namespace Gateway.SecretScanning;

/// <summary>
/// <c>gateway_secret_scanning_reports_total{outcome}</c> (accepted, rate_limited, too_large, bad_signature,
/// unknown_key, malformed) and <c>gateway_secret_scanning_tokens_total{outcome}</c> (revoked, already_revoked,
/// false_positive).
/// </summary>
public sealed class SecretScanningMetrics
{
    /// <summary>Registers the counters in the gateway's registry, every label value at zero.</summary>
    public SecretScanningMetrics(GatewayMetrics metrics)
    {
        var factory = Metrics.WithCustomRegistry(metrics.Registry);
        Reports = factory.CreateCounter("gateway_secret_scanning_reports_total",
            "Secret-scanning reports received, by outcome.", new CounterConfiguration { LabelNames = ["outcome"] });
        Tokens = factory.CreateCounter("gateway_secret_scanning_tokens_total",
            "Tokens in accepted secret-scanning reports, by outcome.", new CounterConfiguration { LabelNames = ["outcome"] });
        foreach (var outcome in new[] { "accepted", "rate_limited", "too_large", "bad_signature", "unknown_key", "malformed" })
        {
            Reports.WithLabels(outcome);
        }

        foreach (var outcome in new[] { "revoked", "already_revoked", "false_positive" })
        {
            Tokens.WithLabels(outcome);
        }
    }

    /// <summary>Reports by outcome.</summary>
    public Counter Reports { get; }

    /// <summary>Tokens by outcome.</summary>
    public Counter Tokens { get; }
}
