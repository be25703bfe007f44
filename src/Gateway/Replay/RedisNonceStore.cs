using System.Buffers;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.ObjectPool;
using StackExchange.Redis;

namespace Gateway.Replay;

/// <summary>
/// The shared nonce store: one <c>SET key 1 PX ttl NX</c> per signed request through the shared multiplexer (no
/// script, one round trip). The replay key is hashed into the Redis key, so its length is bounded whatever the caller
/// sent; per request only the hash's 43 bytes are written (the prefix and key id before it are prepared once per key
/// id and shared, see <see cref="KeyPrefix"/>), with no intermediate strings.
/// It records its own metrics (<see cref="NonceStoreInstruments"/>) in its one async method: no decorator's second
/// async layer on a signed request.
/// </summary>
public sealed class RedisNonceStore : INonceStore
{
    private const int HashChars = 43; // unpadded base64url of 32 bytes
    /// <summary>The value stored, pre-encoded: the client writes these bytes as they are, with nothing to format per request.</summary>
    private static readonly RedisValue Reserved = "1"u8.ToArray();

    private readonly IDatabase _database;
    /// <summary>How many key ids' prefixes are kept before the whole map is dropped and refilled (a bound, not an LRU).</summary>
    internal const int MaxKeyPrefixes = 4096;

    private readonly byte[] _prefix;
    private readonly ConcurrentDictionary<string, byte[]> _keyPrefixes = new(StringComparer.Ordinal);
    private int _keyPrefixCount;
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

        var encoded = new byte[HashChars];
        Base64Url.EncodeToUtf8(hash, encoded);

        // The client writes a key's prefix and value back to back: the same bytes as one array, without copying the
        // prefix and key id into every request's key.
        return ((RedisKey)encoded).Prepend(KeyPrefix(keyId));
    }

    /// <summary>
    /// The bytes before a reservation's hash — prefix, <c>nonce:</c>, key id and <c>:</c> — made once per key id and
    /// shared by its requests (never written to: the client only reads a key's prefix). At most
    /// <see cref="MaxKeyPrefixes"/> are kept; past that the map is emptied and refills from the key ids in use, so a
    /// stream over more key ids than that costs one array per request, as every request did before.
    /// </summary>
    internal byte[] KeyPrefix(string keyId)
    {
        if (_keyPrefixes.TryGetValue(keyId, out var known))
        {
            return known;
        }

        var idLength = Encoding.UTF8.GetByteCount(keyId);
        var prefix = new byte[_prefix.Length + idLength + 1];
        _prefix.CopyTo(prefix, 0);
        Encoding.UTF8.GetBytes(keyId, prefix.AsSpan(_prefix.Length));
        prefix[^1] = (byte)':';
        if (Interlocked.Increment(ref _keyPrefixCount) > MaxKeyPrefixes)
        {
            _keyPrefixes.Clear();
            Volatile.Write(ref _keyPrefixCount, 1);
        }

        return _keyPrefixes.GetOrAdd(keyId, prefix);
    }

    private sealed class PendingPolicy(RedisNonceStore store) : IPooledObjectPolicy<PendingRedisReservation>
    {
        public PendingRedisReservation Create() => new(store);

        public bool Return(PendingRedisReservation obj) => true;
    }
}
