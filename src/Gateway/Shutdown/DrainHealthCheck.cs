using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gateway.Shutdown;

/// <summary>Part of <c>/readyz</c>: unhealthy once shutdown began, so load balancers stop routing here.</summary>
public sealed class DrainHealthCheck(DrainState state) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(state.IsDraining
            ? HealthCheckResult.Unhealthy("shutting down")
            : HealthCheckResult.Healthy());
}
