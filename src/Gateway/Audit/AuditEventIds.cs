using System.Numerics;
using System.Security.Cryptography;

namespace Gateway.Audit;

/// <summary>
/// Audit event ids: <c>ev_</c> + 20 base62 characters, of which the first <see cref="TimeLength"/> are the event's
/// time (milliseconds since the epoch, fixed width, so ids sort by time) and the other 12 random (62^12 ≈ 3×10^21
/// per millisecond). Time-ordered ids kept the <c>id</c> primary-key index of <c>audit_events</c> append-only until
/// schema 6 keyed the table by <c>(time, id)</c>: with fully random ids each inserted row dirtied its own leaf page
/// of that index, so a batch of N events wrote about N index pages to the WAL. The random part comes from the cryptographic generator through a per-thread buffer refilled 256 bytes
/// at a time (rejection sampling: a byte ≥ 248 is skipped, so each character stays equally likely). A request event
/// keeps its id as a number (<see cref="NewValue"/>: time and random part) and its id is written from it
/// — as UTF-8 into the audit store's insert, or as the one string when something reads <see cref="AuditEvent.Id"/> —
/// so the request thread makes no id string (docs/PERFORMANCE.md, "Hot path, eleventh pass: what a request's audit
/// event costs").
/// </summary>
public static class AuditEventIds
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const int Unbiased = 248; // 4 × 62
    private const int RandomLength = AuditCursor.IdLength - TimeLength;
    private const int TimeShift = 6 * RandomLength;
    private const long TimeMask = (1L << 48) - 1;

    [ThreadStatic]
    private static byte[]? _buffer;

    [ThreadStatic]
    private static int _next;

    /// <summary>Base62 characters of the time part (62^8 ms ≈ 6,900 years).</summary>
    public const int TimeLength = 8;

    /// <summary>Characters of a whole id (<c>ev_</c> and 20).</summary>
    public const int Length = 3 + AuditCursor.IdLength;

    /// <summary>A new id for an event at <paramref name="unixMilliseconds"/>.</summary>
    public static string New(long unixMilliseconds) => Format(NewValue(unixMilliseconds));

    /// <summary>
    /// A new id for an event at <paramref name="unixMilliseconds"/> as a number, not yet text: the 12 random base62
    /// digits (6 bits each, the first in the lowest bits), the time in bits 72-119 (every <see cref="DateTimeOffset"/>
    /// fits in 48 bits of milliseconds) and bit 127 set, so that a value is never zero. <see cref="Format"/> and
    /// <see cref="Write{T}"/> make its text.
    /// </summary>
    public static UInt128 NewValue(long unixMilliseconds)
    {
        var value = (UInt128.One << 127) | ((UInt128)(ulong)unixMilliseconds << TimeShift);
        for (var i = 0; i < RandomLength;)
        {
            var b = NextByte();
            if (b < Unbiased)
            {
                value |= (UInt128)(uint)(b % Alphabet.Length) << (6 * i++);
            }
        }

        return value;
    }

    /// <summary>The id <paramref name="value"/> (from <see cref="NewValue"/>) as a string.</summary>
    public static string Format(UInt128 value) =>
        string.Create(Length, value, static (span, value) => Write(value, span));

    /// <summary>Writes the id <paramref name="value"/> into <paramref name="destination"/>: <see cref="Length"/> characters, or UTF-8 bytes.</summary>
    public static void Write<T>(UInt128 value, Span<T> destination)
        where T : unmanaged, IBinaryInteger<T>
    {
        var span = destination[..Length];
        for (var i = 0; i < AuditCursor.IdPrefix.Length; i++)
        {
            span[i] = T.CreateTruncating(AuditCursor.IdPrefix[i]);
        }

        var ms = (long)(ulong)(value >> TimeShift) & TimeMask;
        var time = span.Slice(AuditCursor.IdPrefix.Length, TimeLength);
        for (var i = time.Length - 1; i >= 0; i--)
        {
            time[i] = T.CreateTruncating(Alphabet[(int)(ms % Alphabet.Length)]);
            ms /= Alphabet.Length;
        }

        var digits = span[(AuditCursor.IdPrefix.Length + TimeLength)..];
        for (var i = 0; i < digits.Length; i++)
        {
            digits[i] = T.CreateTruncating(Alphabet[(int)((ulong)(value >> (6 * i)) & 63)]);
        }
    }

    private static byte NextByte()
    {
        var buffer = _buffer ??= new byte[256];
        if (_next == 0 || _next >= buffer.Length)
        {
            RandomNumberGenerator.Fill(buffer);
            _next = 0;
        }

        var b = buffer[_next];
        buffer[_next++] = 0;
        return b;
    }
}
