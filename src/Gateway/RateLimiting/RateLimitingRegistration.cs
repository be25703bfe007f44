using Gateway.Configuration;
using Gateway.Redis;
using Gateway.Replay;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Gateway.RateLimiting;

/// <summary>Registers the rate limiter (<c>Gateway:RateLimiting</c>) and places its pipeline stage.</summary>
public static class RateLimitingRegistration
{
    /// <summary>Adds the limiter: embedded or Redis mode as <see cref="RateLimitingOptions.Store"/> says.</summary>
    public static IServiceCollection AddGatewayRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGatewaySettingsSection<RateLimitingOptions>("RateLimiting");
        services.AddOptions<RateLimitingOptions>().Bind(configuration.GetSection(RateLimitingOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitingOptions>>(provider =>
            new RateLimitingOptionsValidator(!string.IsNullOrEmpty(provider.GetRequiredService<IOptions<RedisOptions>>().Value.Configuration)));
        services.AddSingleton<RateLimitMetrics>();
        services.AddSingleton<RateLimitAuditSummary>();
        services.AddHostedService(provider => provider.GetRequiredService<RateLimitAuditSummary>());
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<RateLimitingOptions>>().Value;
            var time = provider.GetRequiredService<TimeProvider>();
            var redisOptions = provider.GetRequiredService<IOptions<RedisOptions>>().Value;
            var replay = provider.GetRequiredService<IOptions<ReplayOptions>>().Value;
            var redisMode = options.Store == "redis" || (options.Store == "auto" && !string.IsNullOrEmpty(redisOptions.Configuration));
            if (!redisMode)
            {
                return new GatewayRateLimiter(new EmbeddedRateLimiter(time, 1, options.MaxAccounts, options.IdleTimeout), null, defersNonces: false);
            }

            var fallback = new EmbeddedRateLimiter(time, options.Replicas, options.MaxAccounts, options.IdleTimeout);
            var redis = new RedisRateLimiter(provider.GetRequiredService<IConnectionMultiplexer>(), new RateLimitKeys(redisOptions.KeyPrefix),
                fallback, options, provider.GetRequiredService<RateLimitMetrics>(), time, provider.GetRequiredService<ILogger<RedisRateLimiter>>());

            // The nonce can join the limiter's script only when both live on the same Redis.
            var sameRedis = replay.UsesRedis(redisOptions.Configuration) && string.IsNullOrEmpty(replay.RedisConfiguration);
            return new GatewayRateLimiter(fallback, redis, sameRedis);
        });
        services.AddSingleton<IReplayDeferral>(provider => provider.GetRequiredService<GatewayRateLimiter>());
        return services;
    }

    /// <summary>Adds the rate-limit stage; call after authentication and authorization.</summary>
    public static IApplicationBuilder UseGatewayRateLimiting(this IApplicationBuilder app) => app.UseMiddleware<RateLimitingMiddleware>();
}
