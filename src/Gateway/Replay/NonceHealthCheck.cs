using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gateway.Replay;

/// <summary>Readiness: the nonce store answers.</summary>
public sealed class NonceHealthCheck(INonceStore store) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.PingAsync(cancellationToken);
            return HealthCheckResult.Healthy("nonce store reachable");
        }
        catch (NonceStoreUnavailableException ex)
        {
            return HealthCheckResult.Unhealthy("nonce store unreachable", ex);
        }
    }
}
