using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;

namespace Gateway.Replay;

/// <summary>
/// The shared nonce store: one <c>SET key 1 NX PX ttl</c> per signed request through the shared multiplexer. The
/// replay key is hashed into the Redis key, so its length is bounded whatever the caller sent.
/// </summary>
public sealed class RedisNonceStore(IConnectionMultiplexer redis, string keyPrefix) : INonceStore
{
    /// <inheritdoc />
    public async ValueTask ReleaseAsync(string keyId, string replayKey, CancellationToken cancellationToken)
    {
        try
        {
            await redis.GetDatabase().KeyDeleteAsync(RedisKey(keyId, replayKey));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            throw new NonceStoreUnavailableException("Redis did not answer the nonce release.", ex);
        }
    }

    /// <inheritdoc />
    public async ValueTask<bool> TryReserveAsync(string keyId, string replayKey, TimeSpan ttl, CancellationToken cancellationToken)
    {
        try
        {
            return await redis.GetDatabase().StringSetAsync(RedisKey(keyId, replayKey), "1", ttl, When.NotExists);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            throw new NonceStoreUnavailableException("Redis did not answer the nonce reservation.", ex);
        }
    }

    /// <inheritdoc />
    public async Task PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await redis.GetDatabase().PingAsync();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            throw new NonceStoreUnavailableException("Redis did not answer a ping.", ex);
        }
    }

    /// <summary>The Redis key of a reservation: prefix, key id, and the base64url SHA-256 of the replay key.</summary>
    public string RedisKey(string keyId, string replayKey)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(replayKey), hash);
        return string.Concat(keyPrefix, "nonce:", keyId, ":", Base64Url.EncodeToString(hash));
    }
}
