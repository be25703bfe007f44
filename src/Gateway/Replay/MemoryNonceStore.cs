using System.Buffers;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Gateway.Replay;

/// <summary>
/// The embedded mode's nonce store: a bounded in-process set of (key id, replay key) reservations with their expiry.
/// A reservation holds up to and including its expiry instant, as a Redis key does: a request whose signing time sits
/// at the far edge of the clock skew is still fresh exactly 2 × skew after it was first accepted.
/// <para>
/// Compact and swept as it goes: an entry is a 128-bit digest (two <c>ulong</c>s of SHA-256 under a random per-process salt, so no caller
/// can aim at a collision; a collision could only refuse a request, never accept a replay) and its expiry, ≈ 75 bytes
/// with its place in an expiry queue, instead of the key strings. Reservations are queued in the order they are
/// made; as the TTL is the replay window, that is expiry order, so each reservation first drops the expired ones at
/// the head — no scan, and the store holds only live nonces. Its sustained rate is therefore
/// <c>capacity ÷ window</c> (docs/PERFORMANCE.md). Should it still be full (entries with longer TTLs ahead of
/// shorter ones), one full sweep runs; if it is still full, reservations fail closed
/// (<see cref="NonceStoreUnavailableException"/>) rather than forget a nonce that could be replayed.
/// </para>
/// </summary>
/// <remarks>It records its own metrics (<see cref="NonceStoreInstruments"/>, when given), as the Redis store does.</remarks>
public sealed class MemoryNonceStore(TimeProvider time, int capacity, NonceStoreInstruments? instruments = null) : INonceStore
{
    private const int StackLimit = 512;

    private readonly Dictionary<(ulong, ulong), long> _entries = [];
    private readonly Queue<((ulong, ulong) Digest, long Expires)> _order = new();
    private readonly Lock _lock = new();
    private readonly byte[] _salt = RandomNumberGenerator.GetBytes(32);

    /// <summary>Number of live entries held (expired ones until they are dropped).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <inheritdoc />
    public ValueTask ReleaseAsync(string keyId, string replayKey, CancellationToken cancellationToken)
    {
        var digest = Digest(keyId, replayKey);
        lock (_lock)
        {
            _entries.Remove(digest);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<bool> TryReserveAsync(string keyId, string replayKey, TimeSpan ttl, CancellationToken cancellationToken) =>
        TryReserveAsync(keyId, replayKey.AsMemory(), ttl, cancellationToken);

    /// <inheritdoc />
    public ValueTask<bool> TryReserveAsync(string keyId, ReadOnlyMemory<char> replayKey, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return ValueTask.FromResult(TryReserve(keyId, replayKey.Span, ttl));
        }
        catch (NonceStoreUnavailableException)
        {
            instruments?.ReserveFailed();
            throw;
        }
        finally
        {
            instruments?.Reserved(started);
        }
    }

    private bool TryReserve(string keyId, ReadOnlySpan<char> replayKey, TimeSpan ttl)
    {
        var digest = Digest(keyId, replayKey);
        var now = time.GetUtcNow().UtcTicks;
        var expires = now + ttl.Ticks;
        lock (_lock)
        {
            DropExpired(now);
            if (_entries.TryGetValue(digest, out var existing) && existing >= now)
            {
                return false;
            }

            if (_entries.Count >= capacity)
            {
                Sweep(now);
                if (_entries.Count >= capacity)
                {
                    throw new NonceStoreUnavailableException("The in-process nonce store is full.");
                }
            }

            _entries[digest] = expires;
            _order.Enqueue((digest, expires));
            return true;
        }
    }

    /// <inheritdoc />
    public Task PingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Drops the expired reservations at the head of the queue (a queued one that was since released or renewed is skipped).</summary>
    private void DropExpired(long now)
    {
        while (_order.TryPeek(out var head) && head.Expires < now)
        {
            _order.Dequeue();
            if (_entries.TryGetValue(head.Digest, out var expires) && expires == head.Expires)
            {
                _entries.Remove(head.Digest);
            }
        }
    }

    private void Sweep(long now)
    {
        foreach (var (digest, expires) in _entries)
        {
            if (expires < now)
            {
                _entries.Remove(digest);
            }
        }
    }

    private (ulong, ulong) Digest(string keyId, ReadOnlySpan<char> replayKey)
    {
        var length = _salt.Length + Encoding.UTF8.GetMaxByteCount(keyId.Length + 1 + replayKey.Length);
        byte[]? rented = null;
        Span<byte> buffer = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            _salt.CopyTo(buffer);
            var written = _salt.Length;
            written += Encoding.UTF8.GetBytes(keyId, buffer[written..]);
            buffer[written++] = (byte)'\n';
            written += Encoding.UTF8.GetBytes(replayKey, buffer[written..]);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer[..written], hash);
            return (BitConverter.ToUInt64(hash), BitConverter.ToUInt64(hash[8..]));
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
