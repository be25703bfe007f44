using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Gateway.SecretScanning;

/// <summary>
/// The endpoint's rate limit: a fixed window of <see cref="SecretScanningOptions.RateLimitPermits"/> reports per
/// <see cref="SecretScanningOptions.RateLimitWindow"/> and client address (.NET's <see cref="PartitionedRateLimiter"/>),
/// so a flood of forged reports from one address cannot starve GitHub's calls from others.
/// </summary>
public sealed class SecretScanningRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    /// <summary>Creates the limiter from the options.</summary>
    public SecretScanningRateLimiter(IOptions<SecretScanningOptions> options)
    {
        var settings = options.Value;
        _limiter = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address,
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = settings.RateLimitPermits,
                Window = settings.RateLimitWindow,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    /// <summary>A permit for this request's client address (check <see cref="RateLimitLease.IsAcquired"/>).</summary>
    public RateLimitLease Acquire(HttpContext context) =>
        _limiter.AttemptAcquire(context.Connection.RemoteIpAddress?.ToString() ?? "");

    /// <inheritdoc />
    public void Dispose() => _limiter.Dispose();
}
