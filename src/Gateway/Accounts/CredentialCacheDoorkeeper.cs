using System.Numerics;
using System.Runtime.InteropServices;

namespace Gateway.Accounts;

/// <summary>
/// The credential cache's admission filter under <see cref="CredentialCacheAdmission.SecondSighting"/>: remembers
/// which key ids missed recently, in a fixed array of 64-bit slots (no allocation after construction, memory bounded
/// whatever the stream). A slot holds a key id's hash (two independent per-process seeded 32-bit hashes, so ids
/// cannot be chosen to collide across processes) and the generation it was written in; a generation ends after
/// <see cref="GenerationSize"/> first sightings, and a sighting counts as recent in its own generation and the next.
/// The table is lossy by design: a sighting overwritten by another id's (same slot) is forgotten, which only delays
/// that key's admission by one more miss; two ids that hash alike in all 47 compared bits admit each other, which
/// only caches an answer that is served anyway.
/// </summary>
public sealed class CredentialCacheDoorkeeper
{
    private const long GenerationMask = 0xFFFF;
    private const long Written = long.MinValue; // the top bit: a written slot is never 0 (an empty one)

    private readonly long[] _slots;
    private readonly int _mask;
    private int _generation;
    private int _sightings;

    /// <summary>Most slots of the table: 4,194,304 (32 MiB), reached at <c>MaxEntries</c> ≈ 2,000,000.</summary>
    public const int MaxSlots = 1 << 22;

    /// <summary>A doorkeeper for a cache of at most <paramref name="maxEntries"/> entries.</summary>
    public CredentialCacheDoorkeeper(int maxEntries)
    {
        GenerationSize = GenerationSizeFor(maxEntries);
        _slots = new long[SlotsFor(GenerationSize)];
        _mask = _slots.Length - 1;
    }

    /// <summary>First sightings per generation: <see cref="CredentialCacheOptions.MaxEntries"/> ÷ 2 (at least 1).</summary>
    public int GenerationSize { get; }

    /// <summary>Slots of the table (8 bytes each): the structure's whole memory.</summary>
    public int Slots => _slots.Length;

    /// <summary>Generations ended so far.</summary>
    public int Generation => Volatile.Read(ref _generation);

    /// <summary>
    /// Whether <paramref name="keyId"/> was sighted in this generation or the last one (then it is admitted); if not,
    /// records this sighting and answers <c>false</c>. Thread-safe without locks: concurrent sightings of one slot
    /// may overwrite each other (the table is lossy anyway).
    /// </summary>
    public bool Admit(ReadOnlySpan<char> keyId)
    {
        var (index, fingerprint) = Hash(keyId);
        ref var slot = ref _slots[index];
        var generation = Volatile.Read(ref _generation);
        var held = Volatile.Read(ref slot);
        if ((held & ~GenerationMask) == fingerprint && (ushort)(generation - (held & GenerationMask)) <= 1)
        {
            return true;
        }

        Volatile.Write(ref slot, fingerprint | (generation & GenerationMask));
        // Exactly one sighting in GenerationSize ends the generation, however many threads sight at once.
        if ((uint)Interlocked.Increment(ref _sightings) % (uint)GenerationSize == 0)
        {
            Interlocked.Increment(ref _generation);
        }

        return false;
    }

    /// <summary>First sightings per generation for a cache of <paramref name="maxEntries"/>: half of it, at least 1.</summary>
    internal static int GenerationSizeFor(int maxEntries) => Math.Max(maxEntries / 2, 1);

    /// <summary>
    /// Slots for generations of <paramref name="generationSize"/>: four per sighting of a generation (two generations
    /// are live: about half the slots in use), a power of two, at least 64 and at most <see cref="MaxSlots"/>.
    /// </summary>
    internal static int SlotsFor(int generationSize) =>
        (int)Math.Clamp(BitOperations.RoundUpToPowerOf2((ulong)generationSize * 4), 64, MaxSlots);

    /// <summary>The slot <paramref name="keyId"/>'s sightings are written in (in this process): tests pick ids apart.</summary>
    internal int SlotOf(ReadOnlySpan<char> keyId) => Hash(keyId).Index;

    private (int Index, long Fingerprint) Hash(ReadOnlySpan<char> keyId)
    {
        var low = (uint)string.GetHashCode(keyId);
        var hash = new HashCode();
        hash.AddBytes(MemoryMarshal.AsBytes(keyId));
        var high = (uint)hash.ToHashCode();
        return ((int)(low & (uint)_mask), Written | ((long)high << 31) | (low & ~GenerationMask & 0x7FFF_FFFF));
    }
}
