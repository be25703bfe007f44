using Gateway.Accounts;
using Gateway.Accounts.Invalidation;
using Gateway.Audit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gateway.KeyRotation;

/// <summary>Registration of renewal with a grace period (the scheduled revocations).</summary>
public static class KeyRotationServiceCollectionExtensions
{
    /// <summary>Adds <see cref="ScheduledRevocations"/> and the background service that sweeps them.</summary>
    public static IServiceCollection AddGatewayKeyRotation(this IServiceCollection services)
    {
        services.AddSingleton(provider =>
        {
            var writer = provider.GetRequiredService<AuditWriter>();
            return new ScheduledRevocations(
                provider.GetRequiredService<IAccountStore>(),
                provider.GetRequiredService<IInvalidationPublisher>(),
                writer.WriteAdminAsync,
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILogger<ScheduledRevocations>>());
        });
        services.AddHostedService<ScheduledRevocationService>();
        return services;
    }
}
