using System.Net.Http.Headers;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Gateway.Forwarding;

/// <summary>
/// Sizes an outgoing request's header store once, before the identity headers are added. <see cref="HttpHeaders"/>
/// keeps up to 64 headers in an array that starts at 4 entries and doubles: an authenticated request's headers (the
/// copied ones, <c>traceparent</c>, the eight identity headers, then YARP's <c>X-Forwarded-*</c>) grew it 4 → 8 → 16
/// (a caller sending no more than three other headers), two arrays per request thrown away at once. The framework has
/// no public way to reserve room, so this replaces the store's private array with one of the final size holding the
/// same entries (<see cref="UnsafeAccessorAttribute"/> on <c>HttpHeaders._headerStore</c>). Whether that works is
/// checked once (<see cref="Enabled"/>) against a real header collection — resized, filled and read back; on a runtime
/// whose collection is built differently the check fails and <see cref="EnsureCapacity"/> does nothing, so the headers
/// then grow as the framework grows them. The headers sent are the same either way.
/// </summary>
public static class HttpHeadersCapacity
{
    /// <summary>
    /// The largest array the framework keeps before it switches to a dictionary; sizes stay powers of two up to it, so
    /// that its own doubling still reaches the switch.
    /// </summary>
    public const int ArrayThreshold = 64;

    private const int InitialCapacity = 4;

    // Set by Probe, before Resize is published.
    private static Type? _entriesType;

    private static readonly Func<object?, int, object>? Resize = Probe();

    /// <summary>Whether this runtime's header collection can be sized (checked once, at first use).</summary>
    public static bool Enabled => Resize is not null;

    /// <summary>
    /// Makes room in <paramref name="headers"/> for <paramref name="adding"/> more headers at once: the store becomes an
    /// array of the power of two that holds them all, when that is larger than the current one and at most
    /// <see cref="ArrayThreshold"/>; otherwise (or when not <see cref="Enabled"/>) nothing changes. The headers and their
    /// order are unchanged.
    /// </summary>
    public static void EnsureCapacity(HttpHeaders headers, int adding)
    {
        var total = headers.NonValidated.Count + adding;
        if (Resize is null || total <= InitialCapacity || total > ArrayThreshold)
        {
            return;
        }

        var capacity = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)total);
        ref var store = ref HeaderStore(headers);
        if (store is null || (store is Array entries && entries.Length < capacity && entries.GetType() == _entriesType))
        {
            store = Resize(store, capacity);
        }
    }

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_headerStore")]
    private static extern ref object? HeaderStore(HttpHeaders headers);

    // The framework's own entry array type, and a resize proven on a real collection; null when anything differs.
    private static Func<object?, int, object>? Probe()
    {
        try
        {
            var probe = new HttpRequestMessage().Headers;
            probe.TryAddWithoutValidation("X-Probe-0", "0");
            if (HeaderStore(probe) is not Array { Rank: 1, Length: InitialCapacity } initial
                || initial.GetType().GetElementType() is not { IsValueType: true } entryType)
            {
                return null;
            }

            var resize = typeof(HttpHeadersCapacity).GetMethod(nameof(ResizeEntries), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(entryType)
                .CreateDelegate<Func<object?, int, object>>();
            var resized = resize(initial, 16);
            HeaderStore(probe) = resized;
            for (var i = 1; i < 16; i++)
            {
                probe.TryAddWithoutValidation("X-Probe-" + i, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            var read = 0;
            foreach (var header in probe.NonValidated)
            {
                if (header.Key != "X-Probe-" + read || header.Value.ToString() != read.ToString(System.Globalization.CultureInfo.InvariantCulture))
                {
                    return null;
                }

                read++;
            }

            if (read != 16 || !ReferenceEquals(HeaderStore(probe), resized))
            {
                return null;
            }

            _entriesType = initial.GetType();
            return resize;
        }
        catch (Exception ex) when (ex is MissingMemberException or TypeLoadException or ArgumentException or InvalidOperationException
            or NotSupportedException or InvalidCastException or MemberAccessException)
        {
            // A runtime whose HttpHeaders is built differently: the headers grow as the framework grows them.
            return null;
        }
    }

    private static object ResizeEntries<TEntry>(object? store, int capacity)
        where TEntry : struct
    {
        var entries = new TEntry[capacity];
        if (store is TEntry[] current)
        {
            current.AsSpan().CopyTo(entries);
        }

        return entries;
    }
}
