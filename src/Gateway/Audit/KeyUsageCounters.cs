using System.Collections.Concurrent;

namespace Gateway.Audit;

/// <summary>
/// Per-key usage aggregated in memory between flushes: counting a request is one dictionary lookup and two or three
/// interlocked operations, whatever <see cref="RequestAuditDetail"/> is. The counts are double-buffered: each
/// <see cref="Drain"/> retires the map requests are counted into and reads the one retired by the previous drain, so
/// a request counted concurrently with a drain lands in a map read one flush later (it would be lost only if its
/// thread stalled for a whole flush period between the lookup and the increment). A map that has been read becomes the
/// map requests are counted into next, its counts zeroed: a key in steady use keeps its slot instead of allocating a
/// new one every flush, and a key without a request for a whole period is dropped, so only keys used in the last two
/// periods take memory.
/// </summary>
public sealed class KeyUsageCounters
{
    private ConcurrentDictionary<string, Slot> _current = new(StringComparer.Ordinal);
    private ConcurrentDictionary<string, Slot>? _retired;

    /// <summary>Counts one request made with <paramref name="keyId"/> at <paramref name="time"/>.</summary>
    public void Record(string keyId, bool denied, DateTimeOffset time)
    {
        var slots = Volatile.Read(ref _current);
        if (!slots.TryGetValue(keyId, out var slot))
        {
            slot = slots.GetOrAdd(keyId, static _ => new Slot());
        }

        Interlocked.Increment(ref slot.Requests);
        if (denied)
        {
            Interlocked.Increment(ref slot.Denied);
        }

        var ticks = time.UtcTicks;
        long seen;
        while (ticks > (seen = Volatile.Read(ref slot.LastUsedTicks)) && Interlocked.CompareExchange(ref slot.LastUsedTicks, ticks, seen) != seen)
        {
        }
    }

    /// <summary>
    /// The use counted up to the previous drain (and, when <paramref name="final"/>, everything counted so far).
    /// Called by one flushing loop at a time.
    /// </summary>
    public List<KeyUsage> Drain(bool final = false)
    {
        var read = _retired;
        // Sized once (one struct per key used): a list grown by doubling allocated about twice what it keeps.
        var usage = new List<KeyUsage>((read?.Count ?? 0) + (final ? Volatile.Read(ref _current).Count : 0));
        if (read is not null)
        {
            Read(read, usage);
        }

        _retired = Interlocked.Exchange(ref _current, read ?? new ConcurrentDictionary<string, Slot>(StringComparer.Ordinal));
        if (final)
        {
            Read(_retired, usage);
            _retired = null;
        }

        return usage;
    }

    // Hands over and zeroes every slot's counts; drops the slots of keys without a request in the period.
    private static void Read(ConcurrentDictionary<string, Slot> slots, List<KeyUsage> usage)
    {
        foreach (var (keyId, slot) in slots)
        {
            var requests = Interlocked.Exchange(ref slot.Requests, 0);
            if (requests == 0)
            {
                slots.TryRemove(keyId, out _);
                continue;
            }

            var denied = Interlocked.Exchange(ref slot.Denied, 0);
            var lastUsed = Interlocked.Exchange(ref slot.LastUsedTicks, 0);
            usage.Add(new KeyUsage(keyId, requests, denied, new DateTimeOffset(lastUsed, TimeSpan.Zero)));
        }
    }

    private sealed class Slot
    {
        public long Requests;
        public long Denied;
        public long LastUsedTicks;
    }
}
