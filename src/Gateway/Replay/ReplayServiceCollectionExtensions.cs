using Gateway.Configuration;
using Gateway.Redis;
using Gateway.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Gateway.Replay;

/// <summary>Registers replay protection: <c>Gateway:Replay</c>, the nonce store, the replay horizon and its health check.</summary>
public static class ReplayServiceCollectionExtensions
{
    /// <summary>
    /// Adds <c>Gateway:Replay</c> and the nonce store it selects (<see cref="ReplayOptions.UsesRedis"/>): Redis (the
    /// shared connection, or its own for <c>Gateway:Replay:RedisConfiguration</c>) or the in-process store, whose
    /// horizon survives restarts in the data directory.
    /// </summary>
    public static IServiceCollection AddGatewayReplay(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(ReplayOptions.SectionName);
        services.AddValidatedOptions<ReplayOptions, ReplayOptionsValidator>(section);
        var replay = section.Get<ReplayOptions>() ?? new ReplayOptions();
        if (replay.UsesRedis(configuration.GetSection(RedisOptions.SectionName)[nameof(RedisOptions.Configuration)]))
        {
            services.AddSingleton(provider => provider.GetRequiredService<IOptions<ReplayOptions>>().Value.RedisConfiguration is { Length: > 0 } separate
                ? new NonceRedisConnection(RedisConnectionFactory.Connect(separate), owned: true)
                : new NonceRedisConnection(provider.GetRequiredService<IConnectionMultiplexer>(), owned: false));
            services.AddSingleton<INonceStore>(provider => new RedisNonceStore(provider.GetRequiredService<NonceRedisConnection>().Multiplexer,
                provider.GetRequiredService<IOptions<RedisOptions>>().Value.KeyPrefix,
                new NonceStoreInstruments(provider.GetRequiredService<GatewayMetrics>(), ReplayOptions.RedisStore)));
        }
        else
        {
            services.AddSingleton<INonceStore>(provider => new MemoryNonceStore(provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<IOptions<ReplayOptions>>().Value.MemoryCapacity,
                new NonceStoreInstruments(provider.GetRequiredService<GatewayMetrics>(), ReplayOptions.MemoryStore)));
            services.AddHostedService(provider => ActivatorUtilities.CreateInstance<ReplayHorizonKeeper>(provider,
                provider.GetRequiredService<GatewayDataDirectory>().Path));
        }

        services.AddSingleton<ReplayHorizon>();
        services.AddHealthChecks().AddCheck<NonceHealthCheck>("nonces", tags: [HealthTags.Ready]);
        return services;
    }
}
