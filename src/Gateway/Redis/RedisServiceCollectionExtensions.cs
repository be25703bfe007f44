using Gateway.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Gateway.Redis;

/// <summary>Registers the shared Redis: <c>Gateway:Redis</c> and, when it is configured, one connection for every feature.</summary>
public static class RedisServiceCollectionExtensions
{
    /// <summary>
    /// Adds <c>Gateway:Redis</c>; when <c>Gateway:Redis:Configuration</c> is set, the shared
    /// <see cref="IConnectionMultiplexer"/> (opened with <see cref="RedisConnectionFactory"/>).
    /// </summary>
    public static IServiceCollection AddGatewayRedis(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(RedisOptions.SectionName);
        services.AddValidatedOptions<RedisOptions, RedisOptionsValidator>(section);
        if (section[nameof(RedisOptions.Configuration)] is { Length: > 0 })
        {
            services.AddSingleton(provider =>
                RedisConnectionFactory.Connect(provider.GetRequiredService<IOptions<RedisOptions>>().Value.Configuration!));
        }

        return services;
    }
}
