using System.Text;

namespace Gateway.Signing.Internal;

/// <summary>
/// AWS SigV4 URI encoding: every byte except the unreserved set <c>A-Z a-z 0-9 - _ . ~</c> becomes <c>%XX</c>
/// (uppercase hex) over the UTF-8 bytes of the input.
/// </summary>
internal static class UriEncoder
{
    private const string UpperDigits = "0123456789ABCDEF";

    /// <summary>
    /// Appends the encoding of <paramref name="value"/>. With <paramref name="decodePercent"/>, valid <c>%XX</c>
    /// escapes are first decoded to their byte (so already-encoded input is not encoded twice); an invalid
    /// <c>%</c> is encoded as <c>%25</c>.
    /// </summary>
    public static void Append(ref ValueUtf8Builder builder, ReadOnlySpan<char> value, bool decodePercent)
    {
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (decodePercent && c == '%' && i + 2 < value.Length && IsHex(value[i + 1]) && IsHex(value[i + 2]))
            {
                AppendByte(ref builder, (byte)((HexValue(value[i + 1]) << 4) | HexValue(value[i + 2])));
                i += 2;
            }
            else if (c < 0x80)
            {
                AppendByte(ref builder, (byte)c);
            }
            else
            {
                if (Rune.DecodeFromUtf16(value[i..], out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
                {
                    rune = Rune.ReplacementChar;
                    consumed = 1;
                }

                var written = rune.EncodeToUtf8(utf8);
                foreach (var b in utf8[..written])
                {
                    AppendByte(ref builder, b);
                }

                i += consumed - 1;
            }
        }
    }

    private static void AppendByte(ref ValueUtf8Builder builder, byte value)
    {
        if (value is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9')
            or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~')
        {
            builder.Append(value);
            return;
        }

        builder.Append((byte)'%');
        builder.Append((byte)UpperDigits[value >> 4]);
        builder.Append((byte)UpperDigits[value & 0xF]);
    }

    private static bool IsHex(char c) => c is (>= '0' and <= '9') or (>= 'a' and <= 'f') or (>= 'A' and <= 'F');

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
