using Gateway.Accounts;
using Gateway.Audit.Redis;
using Gateway.Audit.Sqlite;
using Gateway.Configuration;
using Gateway.Redis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Gateway.Audit;

/// <summary>Registers the audit trail: <c>Gateway:Audit</c>, the audit store beside the account store, and the batching writer.</summary>
public static class AuditServiceCollectionExtensions
{
    /// <summary>Adds <c>Gateway:Audit</c>, the SQLite or Redis audit store (the same provider as accounts) and the writer.</summary>
    public static IServiceCollection AddGatewayAudit(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<AuditOptions, AuditOptionsValidator>(configuration.GetSection(AuditOptions.SectionName));
        var store = configuration.GetSection(StoreOptions.SectionName).Get<StoreOptions>() ?? new StoreOptions();
        if (store.IsRedis)
        {
            services.AddSingleton<IAuditStore>(provider => new RedisAuditStore(
                provider.GetRequiredService<IConnectionMultiplexer>(),
                provider.GetRequiredService<IOptions<RedisOptions>>().Value.KeyPrefix));
        }
        else
        {
            services.AddSingleton<IAuditStore>(provider => new SqliteAuditStore(provider.GetRequiredService<GatewayDataDirectory>().DatabasePath));
        }

        services.AddSingleton<AuditEventFactory>();
        services.AddSingleton<AuditWriter>();
        services.AddHostedService(provider => provider.GetRequiredService<AuditWriter>());
        return services;
    }
}
