using System.Collections.Concurrent;

namespace Gateway.Audit;

/// <summary>
/// Per-key usage aggregated in memory between flushes: counting a request is one dictionary lookup and two or three
/// interlocked operations, whatever <see cref="RequestAuditDetail"/> is. The counts are double-buffered: each
/// <see cref="Drain"/> retires the map requests are counted into and reads the one retired by the previous drain, so
/// a request counted concurrently with a drain lands in a map read one flush later (it would be lost only if its
/// thread stalled for a whole flush period between the lookup and the increment), and only keys used since the
/// previous drain take memory.
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
        var usage = new List<KeyUsage>();
        Read(_retired, usage);
        _retired = Interlocked.Exchange(ref _current, new ConcurrentDictionary<string, Slot>(StringComparer.Ordinal));
        if (final)
        {
            Read(_retired, usage);
            _retired = null;
        }

        return usage;
    }

    private static void Read(ConcurrentDictionary<string, Slot>? slots, List<KeyUsage> usage)
    {
        if (slots is null)
        {
            return;
        }

        foreach (var (keyId, slot) in slots)
        {
            usage.Add(new KeyUsage(keyId, slot.Requests, slot.Denied, new DateTimeOffset(slot.LastUsedTicks, TimeSpan.Zero)));
        }
    }

    private sealed class Slot
    {
        public long Requests;
        public long Denied;
        public long LastUsedTicks;
    }
}
