using System.Collections.Concurrent;
using Gateway.Accounts.Redis;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Gateway.Accounts.Invalidation;

/// <summary>
/// Redis mode, on every replica: subscribes to <c>{prefix}invalidate</c> before the listeners open and applies
/// each change it hears; follows the multiplexer's connections, so that while any of them is down the credential
/// cache knows the store is unreachable (cached keys served for at most <c>Gateway:Redis:MaxStaleness</c>), and
/// once all are back it clears the cache (changes may have been missed meanwhile) and reloads the roles.
/// </summary>
public sealed partial class RedisInvalidationListener(
    IConnectionMultiplexer redis,
    RedisKeyLayout keys,
    InvalidationApplier applier,
    ICredentialCache cache,
    ILogger<RedisInvalidationListener> logger) : IHostedLifecycleService
{
    private readonly ConcurrentDictionary<string, byte> _down = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionFailed += OnConnectionFailed;
        redis.ConnectionRestored += OnConnectionRestored;
        await redis.GetSubscriber().SubscribeAsync(keys.InvalidationChannel, (_, message) => OnMessage(message));
        if (!redis.IsConnected)
        {
            cache.ConnectionLost();
        }
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionFailed -= OnConnectionFailed;
        redis.ConnectionRestored -= OnConnectionRestored;
        try
        {
            await redis.GetSubscriber().UnsubscribeAsync(keys.InvalidationChannel);
        }
        catch (Exception ex) when (RedisAccountStore.IsUnavailable(ex))
        {
            // Shutting down while Redis is away: nothing to unsubscribe from.
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void OnMessage(RedisValue message)
    {
        if (CacheInvalidation.TryParse(message, out var invalidation))
        {
            applier.Apply(invalidation);
        }
        else
        {
            LogUnknownMessage(logger);
        }
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        _down[Describe(e.EndPoint, e.ConnectionType)] = 0;
        cache.ConnectionLost();
        LogConnectionFailed(logger, e.EndPoint?.ToString() ?? "?", e.ConnectionType.ToString(), e.FailureType.ToString());
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        _down.TryRemove(Describe(e.EndPoint, e.ConnectionType), out _);
        LogConnectionRestored(logger, e.EndPoint?.ToString() ?? "?", e.ConnectionType.ToString());
        if (_down.IsEmpty)
        {
            cache.ConnectionRestored();
            _ = applier.ReloadRolesAsync(CancellationToken.None);
        }
    }

    private static string Describe(System.Net.EndPoint? endPoint, ConnectionType type) => $"{endPoint}/{type}";

    [LoggerMessage(EventId = EventIds.Accounts.RedisConnectionFailed, Level = LogLevel.Warning,
        Message = "Redis connection {EndPoint} ({ConnectionType}) failed: {FailureType}; cached keys are served for at most Gateway:Redis:MaxStaleness")]
    private static partial void LogConnectionFailed(ILogger logger, string endPoint, string connectionType, string failureType);

    [LoggerMessage(EventId = EventIds.Accounts.RedisConnectionRestored, Level = LogLevel.Information,
        Message = "Redis connection {EndPoint} ({ConnectionType}) restored; the credential cache is cleared once every connection is back")]
    private static partial void LogConnectionRestored(ILogger logger, string endPoint, string connectionType);

    [LoggerMessage(EventId = EventIds.Accounts.UnknownInvalidationMessage, Level = LogLevel.Warning, Message = "Ignored a message on the invalidation channel that is not an invalidation")]
    private static partial void LogUnknownMessage(ILogger logger);
}
