using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.ObjectPool;
using StackExchange.Redis;

namespace Gateway.Replay;

/// <summary>
/// The shared nonce store: one <c>SET key 1 PX ttl NX</c> per signed request through the shared multiplexer (no
/// script, one round trip). The replay key is hashed into the Redis key, so its length is bounded whatever the caller
/// sent; the key is written as bytes once per request (prefix bytes prepared up front), with no intermediate strings.
/// It records its own metrics (<see cref="NonceStoreInstruments"/>) in its one async method: no decorator's second
/// async layer on a signed request.
/// </summary>
public sealed class RedisNonceStore : INonceStore
{
    private const int HashChars = 43; // unpadded base64url of 32 bytes
    /// <summary>The value stored, pre-encoded: the client writes these bytes as they are, with nothing to format per request.</summary>
    private static readonly RedisValue Reserved = "1"u8.ToArray();

    private readonly IDatabase _database;
    private readonly byte[] _prefix;
    private readonly NonceStoreInstruments? _instruments;
    private readonly DefaultObjectPool<PendingRedisReservation> _pending;

    /// <summary>
    /// Reserves through <paramref name="redis"/>, under <paramref name="keyPrefix"/><c>nonce:</c>, recording into
    /// <paramref name="instruments"/> when given.
    /// </summary>
    public RedisNonceStore(IConnectionMultiplexer redis, string keyPrefix, NonceStoreInstruments? instruments = null)
    {
        _database = redis.GetDatabase();
        _prefix = Encoding.UTF8.GetBytes(keyPrefix + "nonce:");
        _instruments = instruments;
        _pending = new DefaultObjectPool<PendingRedisReservation>(new PendingPolicy(this), maximumRetained: 1024);
    }

    /// <inheritdoc />
    public async ValueTask ReleaseAsync(string keyId, string replayKey, CancellationToken cancellationToken)
    {
        try
        {
            await _database.KeyDeleteAsync(RedisKey(keyId, replayKey));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            _instruments?.ReleaseFailed();
            throw new NonceStoreUnavailableException("Redis did not answer the nonce release.", ex);
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> TryReserveAsync(string keyId, string replayKey, TimeSpan ttl, CancellationToken cancellationToken) =>
        TryReserveAsync(keyId, replayKey.AsMemory(), ttl, cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// Not an <c>async</c> method: the client's task is waited on by a pooled <see cref="PendingRedisReservation"/>,
    /// which records the latency and translates a failure as this method did, without a state machine box per call.
    /// </remarks>
    public ValueTask<bool> TryReserveAsync(string keyId, ReadOnlyMemory<char> replayKey, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        Task<bool> answer;
        try
        {
            answer = _database.StringSetAsync(RedisKey(keyId, replayKey.Span), Reserved, ttl, When.NotExists);
        }
        catch (Exception ex)
        {
            Answered(started);
            throw Failed(ex);
        }

        if (answer.IsCompleted)
        {
            // Answered already (or failed before it was sent): no waiting.
            Answered(started);
            return answer.IsCompletedSuccessfully ? ValueTask.FromResult(answer.Result) : ValueTask.FromException<bool>(FailureOf(answer));
        }

        return _pending.Get().Wait(answer, started);
    }

    /// <summary>Records the latency of a reservation that started at <paramref name="started"/>, answered or not.</summary>
    internal void Answered(long started) => _instruments?.Reserved(started);

    /// <summary>
    /// What a reservation that failed with <paramref name="exception"/> throws: Redis's own failures become a counted
    /// <see cref="NonceStoreUnavailableException"/> (callers fail closed); anything else is thrown as it is.
    /// </summary>
    internal Exception Failed(Exception exception)
    {
        if (exception is RedisException or TimeoutException or ObjectDisposedException)
        {
            _instruments?.ReserveFailed();
            return new NonceStoreUnavailableException("Redis did not answer the nonce reservation.", exception);
        }

        return exception;
    }

    /// <summary>Takes back a <see cref="PendingRedisReservation"/> whose result was read.</summary>
    internal void Return(PendingRedisReservation reservation) => _pending.Return(reservation);

    private Exception FailureOf(Task<bool> answer)
    {
        try
        {
            answer.GetAwaiter().GetResult();
            return new InvalidOperationException("The reservation did not fail.");
        }
        catch (Exception ex)
        {
            return Failed(ex);
        }
    }

    /// <inheritdoc />
    public async Task PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _database.PingAsync();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            _instruments?.PingFailed();
            throw new NonceStoreUnavailableException("Redis did not answer a ping.", ex);
        }
    }

    /// <summary>
    /// The Redis key of a reservation: prefix, <c>nonce:</c>, key id, <c>:</c> and the unpadded base64url SHA-256 of the
    /// replay key's UTF-8 bytes (the same bytes every earlier version wrote, so replicas of mixed versions agree).
    /// </summary>
    public RedisKey RedisKey(string keyId, ReadOnlySpan<char> replayKey)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var maxBytes = Encoding.UTF8.GetMaxByteCount(replayKey.Length);
        var rented = maxBytes > 512 ? ArrayPool<byte>.Shared.Rent(maxBytes) : null;
        Span<byte> utf8 = rented is null ? stackalloc byte[512] : rented;
        SHA256.HashData(utf8[..Encoding.UTF8.GetBytes(replayKey, utf8)], hash);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        var idLength = Encoding.UTF8.GetByteCount(keyId);
        var key = new byte[_prefix.Length + idLength + 1 + HashChars];
        _prefix.CopyTo(key, 0);
        Encoding.UTF8.GetBytes(keyId, key.AsSpan(_prefix.Length));
        key[_prefix.Length + idLength] = (byte)':';
        Base64Url.EncodeToUtf8(hash, key.AsSpan(_prefix.Length + idLength + 1));
        return key;
    }

    private sealed class PendingPolicy(RedisNonceStore store) : IPooledObjectPolicy<PendingRedisReservation>
    {
        public PendingRedisReservation Create() => new(store);

        public bool Return(PendingRedisReservation obj) => true;
    }
}
