namespace Gateway.Accounts.Invalidation;

/// <summary>
/// Announces a committed change to every replica's caches, this one included (applied locally before the call
/// returns). Implementations: <see cref="LocalInvalidationPublisher"/> (embedded mode, in-process) and
/// <see cref="RedisInvalidationPublisher"/> (redis mode, pub/sub).
/// </summary>
public interface IInvalidationPublisher
{
    /// <summary>Applies <paramref name="invalidation"/> here and broadcasts it; never throws for a broadcast failure.</summary>
    Task PublishAsync(CacheInvalidation invalidation, CancellationToken cancellationToken);
}
