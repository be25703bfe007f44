using System.Net.Http.Headers;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Gateway.Forwarding;

/// <summary>
/// Sizes an outgoing request's header store once, before the identity headers are added. <see cref="HttpHeaders"/>
/// keeps up to 64 headers in an array that starts at 4 entries and doubles: an authenticated request's headers (the
/// copied ones, <c>traceparent</c>, the eight identity headers, then YARP's <c>X-Forwarded-*</c>) grew it 4 → 8 → 16,
/// two arrays per request that were thrown away at once. The framework has no public way to reserve room, so this
/// replaces the store's private array with one of <see cref="IdentityCapacity"/> entries holding the same entries
/// (<see cref="UnsafeAccessorAttribute"/> on <c>HttpHeaders._headerStore</c>). Whether that works is checked once
/// (<see cref="Enabled"/>) against a real header collection — resized, filled, and read back; on a runtime whose
/// collection is built differently the check fails and <see cref="EnsureCapacity"/> does nothing, so the headers then
/// grow as the framework grows them. The headers sent are the same either way.
/// </summary>
public static class HttpHeadersCapacity
{
    /// <summary>
    /// The entries reserved: the first power of two (so that later doubling still reaches the framework's switch to a
    /// dictionary at 64) above an authenticated request's usual count.
    /// </summary>
    public const int IdentityCapacity = 16;

    private static readonly Func<object?, int, object>? Resize = Probe();

    /// <summary>Whether this runtime's header collection can be sized (checked once, at first use).</summary>
    public static bool Enabled => Resize is not null;

    /// <summary>
    /// Makes room for <see cref="IdentityCapacity"/> headers in <paramref name="headers"/> when they hold fewer entries
    /// than that and at most <paramref name="needed"/> will be added; otherwise (or when not <see cref="Enabled"/>) does
    /// nothing. The headers and their order are unchanged.
    /// </summary>
    public static void EnsureCapacity(HttpHeaders headers, int needed)
    {
        if (Resize is null || headers.NonValidated.Count + needed > IdentityCapacity)
        {
            return;
        }

        ref var store = ref HeaderStore(headers);
        if (store is null || (store is Array { Length: < IdentityCapacity } entries && entries.GetType() == _entriesType))
        {
            store = Resize(store, IdentityCapacity);
        }
    }

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_headerStore")]
    private static extern ref object? HeaderStore(HttpHeaders headers);

    // Set by Probe, before Resize is published.
    private static Type? _entriesType;

    // The framework's own entry array type, and a resize proven on a real collection; null when anything differs.
    private static Func<object?, int, object>? Probe()
    {
        try
        {
            var probe = new HttpRequestMessage().Headers;
            probe.TryAddWithoutValidation("X-Probe-0", "0");
            if (HeaderStore(probe) is not Array { Rank: 1, Length: < IdentityCapacity } initial
                || initial.GetType().GetElementType() is not { IsValueType: true } entryType)
            {
                return null;
            }

            var resize = typeof(HttpHeadersCapacity).GetMethod(nameof(ResizeEntries), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(entryType)
                .CreateDelegate<Func<object?, int, object>>();
            var resized = resize(initial, IdentityCapacity);
            HeaderStore(probe) = resized;
            for (var i = 1; i < IdentityCapacity; i++)
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

            if (read != IdentityCapacity || !ReferenceEquals(HeaderStore(probe), resized))
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
