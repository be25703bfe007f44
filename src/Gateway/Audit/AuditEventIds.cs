using System.Security.Cryptography;

namespace Gateway.Audit;

/// <summary>
/// Audit event ids: <c>ev_</c> + 20 base62 characters, of which the first <see cref="TimeLength"/> are the event's
/// time (milliseconds since the epoch, fixed width, so ids sort by time) and the other 12 random (62^12 ≈ 3×10^21
/// per millisecond). Time-ordered ids kept the <c>id</c> primary-key index of <c>audit_events</c> append-only until
/// schema 6 keyed the table by <c>(time, id)</c>: with fully random ids each inserted row dirtied its own leaf page
/// of that index, so a batch of N events wrote about N index pages to the WAL. The random part comes from the cryptographic generator through a per-thread buffer refilled 256 bytes
/// at a time (rejection sampling: a byte ≥ 248 is skipped, so each character stays equally likely), written
/// straight into the one string.
/// </summary>
public static class AuditEventIds
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const int Unbiased = 248; // 4 × 62

    [ThreadStatic]
    private static byte[]? _buffer;

    [ThreadStatic]
    private static int _next;

    /// <summary>Base62 characters of the time part (62^8 ms ≈ 6,900 years).</summary>
    public const int TimeLength = 8;

    /// <summary>A new id for an event at <paramref name="unixMilliseconds"/>.</summary>
    public static string New(long unixMilliseconds) => string.Create(AuditCursor.IdPrefix.Length + AuditCursor.IdLength, unixMilliseconds, static (span, ms) =>
    {
        AuditCursor.IdPrefix.AsSpan().CopyTo(span);
        var time = span.Slice(AuditCursor.IdPrefix.Length, TimeLength);
        for (var i = time.Length - 1; i >= 0; i--)
        {
            time[i] = Alphabet[(int)(ms % Alphabet.Length)];
            ms /= Alphabet.Length;
        }

        for (var i = AuditCursor.IdPrefix.Length + TimeLength; i < span.Length;)
        {
            var b = NextByte();
            if (b < Unbiased)
            {
                span[i++] = Alphabet[b % Alphabet.Length];
            }
        }
    });

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
