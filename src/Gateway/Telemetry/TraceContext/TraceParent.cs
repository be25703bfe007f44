using System.Buffers.Binary;
using System.Globalization;

namespace Gateway.Telemetry.TraceContext;

/// <summary>
/// A W3C <c>traceparent</c> value (<c>version-traceid-parentid-flags</c>), accepted exactly as .NET's W3C propagator
/// and <c>ActivityContext.TryParse</c> accept it for ASP.NET Core's request activity: 55 characters (so a future
/// version's extra fields are refused, as there), a lowercase-hex version other than <c>ff</c> (read as 00), dashes at
/// 2, 35 and 52, a lowercase-hex trace id and parent id that are not all zero, lowercase-hex flags. The trace id is
/// kept as two numbers, formatted only when needed.
/// </summary>
/// <param name="TraceIdHigh">The trace id's first 8 bytes.</param>
/// <param name="TraceIdLow">The trace id's last 8 bytes.</param>
/// <param name="ParentId">The caller's span id.</param>
/// <param name="Flags">The trace flags as sent.</param>
public readonly record struct TraceParent(ulong TraceIdHigh, ulong TraceIdLow, ulong ParentId, byte Flags)
{
    /// <summary>The length of a version-00 value.</summary>
    public const int Length = 55;

    /// <summary>The length of a trace id in hex.</summary>
    public const int TraceIdLength = 32;

    /// <summary>Parses <paramref name="value"/>; false (and a default value) when .NET's propagation would not continue it.</summary>
    public static bool TryParse(ReadOnlySpan<char> value, out TraceParent parent)
    {
        parent = default;
        if (value.Length != Length
            || (value[0] == 'f' && value[1] == 'f') || !IsLowerHex(value[..2])
            || value[2] != '-' || value[35] != '-' || value[52] != '-'
            || !IsLowerHex(value.Slice(3, TraceIdLength)) || !IsLowerHex(value.Slice(36, 16)) || !IsLowerHex(value.Slice(53, 2)))
        {
            return false;
        }

        var high = ulong.Parse(value.Slice(3, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        var low = ulong.Parse(value.Slice(19, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        var parentId = ulong.Parse(value.Slice(36, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        if ((high | low) == 0 || parentId == 0)
        {
            return false;
        }

        parent = new TraceParent(high, low, parentId, byte.Parse(value.Slice(53, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
        return true;
    }

    /// <summary>Writes a trace id as 32 lowercase hex digits into <paramref name="destination"/>.</summary>
    public static void FormatTraceId(ulong high, ulong low, Span<char> destination)
    {
        Span<byte> bytes = stackalloc byte[TraceIdLength / 2];
        WriteTraceIdBytes(high, low, bytes);
        Convert.TryToHexStringLower(bytes, destination[..TraceIdLength], out _);
    }

    /// <summary>Writes a trace id as 32 lowercase hex digits in UTF-8 into <paramref name="utf8"/>.</summary>
    public static void FormatTraceId(ulong high, ulong low, Span<byte> utf8)
    {
        Span<byte> bytes = stackalloc byte[TraceIdLength / 2];
        WriteTraceIdBytes(high, low, bytes);
        Convert.TryToHexStringLower(bytes, utf8[..TraceIdLength], out _);
    }

    /// <summary>
    /// A version-00 value for the hop after this one: the trace id, <paramref name="spanId"/> as parent id, and
    /// <paramref name="flags"/> (55 characters, one string).
    /// </summary>
    public static string Format(ulong traceIdHigh, ulong traceIdLow, ulong spanId, byte flags) =>
        string.Create(Length, (traceIdHigh, traceIdLow, spanId, flags), static (chars, state) =>
        {
            // The ids' bytes in order (trace id, parent id, flags), hex-encoded in two vectorised calls around the dash
            // (the numbers' "x16" formatting parsed its format string on every call).
            Span<byte> bytes = stackalloc byte[25];
            WriteTraceIdBytes(state.traceIdHigh, state.traceIdLow, bytes);
            BinaryPrimitives.WriteUInt64BigEndian(bytes[16..], state.spanId);
            bytes[24] = state.flags;
            chars[0] = '0';
            chars[1] = '0';
            chars[2] = '-';
            Convert.TryToHexStringLower(bytes[..16], chars.Slice(3, TraceIdLength), out _);
            chars[35] = '-';
            Convert.TryToHexStringLower(bytes[16..24], chars.Slice(36, 16), out _);
            chars[52] = '-';
            Convert.TryToHexStringLower(bytes[24..], chars.Slice(53, 2), out _);
        });

    // The trace id's 16 bytes, most significant first: its hex is the numbers' hex, high then low.
    private static void WriteTraceIdBytes(ulong high, ulong low, Span<byte> bytes)
    {
        BinaryPrimitives.WriteUInt64BigEndian(bytes, high);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], low);
    }

    private static bool IsLowerHex(ReadOnlySpan<char> chars)
    {
        foreach (var c in chars)
        {
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
    }
}
