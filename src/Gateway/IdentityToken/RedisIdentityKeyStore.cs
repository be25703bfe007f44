using StackExchange.Redis;

namespace Gateway.IdentityToken;

/// <summary>
/// The signing keys in Redis (<c>{prefix}identity-token:keys</c>), shared by every replica; a change is a
/// compare-and-set transaction and is announced on <c>{prefix}identity-token:changed</c>.
/// </summary>
public sealed class RedisIdentityKeyStore(IConnectionMultiplexer redis, string prefix) : IIdentityKeyStore
{
    private readonly RedisKey _key = prefix + "identity-token:keys";
    private readonly RedisChannel _channel = RedisChannel.Literal(prefix + "identity-token:changed");

    /// <inheritdoc />
    public async Task<string?> ReadAsync(CancellationToken cancellationToken)
    {
        var value = await redis.GetDatabase().StringGetAsync(_key);
        return value.IsNull ? null : value.ToString();
    }

    /// <inheritdoc />
    public async Task<bool> TryReplaceAsync(string? expected, string document, CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        var transaction = database.CreateTransaction();
        transaction.AddCondition(expected is null ? Condition.KeyNotExists(_key) : Condition.StringEqual(_key, expected));
        _ = transaction.StringSetAsync(_key, document);
        if (!await transaction.ExecuteAsync())
        {
            return false;
        }

        await redis.GetSubscriber().PublishAsync(_channel, "changed");
        return true;
    }

    /// <inheritdoc />
    public Task SubscribeAsync(Action changed) =>
        redis.GetSubscriber().SubscribeAsync(_channel, (_, _) => changed());
}
