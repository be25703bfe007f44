using Gateway.Accounts.Redis;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Gateway.Accounts.Invalidation;

/// <summary>
/// The redis mode's publisher: applies a change here, then <c>PUBLISH</c>es it on <c>{prefix}invalidate</c> for
/// every other replica (<see cref="RedisInvalidationListener"/>). The change is already committed, so a failed
/// broadcast is logged, not thrown: replicas that miss it drop their entries within the cache's entry lifetime,
/// and clear their caches when their own connection comes back.
/// </summary>
public sealed partial class RedisInvalidationPublisher(
    IConnectionMultiplexer redis,
    RedisKeyLayout keys,
    InvalidationApplier applier,
    ILogger<RedisInvalidationPublisher> logger) : IInvalidationPublisher
{
    /// <inheritdoc />
    public async Task PublishAsync(CacheInvalidation invalidation, CancellationToken cancellationToken)
    {
        applier.Apply(invalidation);
        try
        {
            await redis.GetSubscriber().PublishAsync(keys.InvalidationChannel, invalidation.ToString());
        }
        catch (Exception ex) when (RedisAccountStore.IsUnavailable(ex))
        {
            LogPublishFailed(logger, ex, invalidation.ToString());
        }
    }

    [LoggerMessage(EventId = EventIds.Accounts.InvalidationPublishFailed, Level = LogLevel.Error,
        Message = "Could not broadcast invalidation {Invalidation}; other replicas drop it within the cache entry lifetime or on reconnect")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string invalidation);
}
