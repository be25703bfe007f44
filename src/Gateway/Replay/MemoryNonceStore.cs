using System.Collections.Concurrent;

namespace Gateway.Replay;

/// <summary>
/// The embedded mode's nonce store: a bounded in-process map from (key id, replay key) to expiry. A reservation holds
/// up to and including its expiry instant, as a Redis key does: a request whose signing time sits at the far edge of
/// the clock skew is still fresh exactly 2 × skew after it was first accepted. Expired entries are swept when the
/// map reaches its capacity; if it is still full, reservations fail closed
/// (<see cref="NonceStoreUnavailableException"/>) rather than forget a nonce that could be replayed.
/// </summary>
public sealed class MemoryNonceStore(TimeProvider time, int capacity) : INonceStore
{
    private readonly ConcurrentDictionary<string, long> _entries = new(StringComparer.Ordinal);
    private readonly Lock _sweepLock = new();

    /// <summary>Number of entries held, expired ones included until the next sweep.</summary>
    public int Count => _entries.Count;

    /// <inheritdoc />
    public ValueTask ReleaseAsync(string keyId, string replayKey, CancellationToken cancellationToken)
    {
        _entries.TryRemove(string.Concat(keyId, "\n", replayKey), out _);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<bool> TryReserveAsync(string keyId, string replayKey, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcTicks;
        var entry = string.Concat(keyId, "\n", replayKey);
        if (_entries.Count >= capacity)
        {
            Sweep(now);
            if (_entries.Count >= capacity)
            {
                throw new NonceStoreUnavailableException("The in-process nonce store is full.");
            }
        }

        var expires = now + ttl.Ticks;
        while (true)
        {
            if (_entries.TryAdd(entry, expires))
            {
                return ValueTask.FromResult(true);
            }

            if (!_entries.TryGetValue(entry, out var existing))
            {
                continue;
            }

            if (existing >= now)
            {
                return ValueTask.FromResult(false);
            }

            if (_entries.TryUpdate(entry, expires, existing))
            {
                return ValueTask.FromResult(true);
            }
        }
    }

    /// <inheritdoc />
    public Task PingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Sweep(long now)
    {
        lock (_sweepLock)
        {
            foreach (var (entry, expires) in _entries)
            {
                if (expires < now)
                {
                    _entries.TryRemove(new KeyValuePair<string, long>(entry, expires));
                }
            }
        }
    }
}
