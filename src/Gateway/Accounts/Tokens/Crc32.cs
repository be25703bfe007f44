using System.Buffers;
using System.Text;

namespace Gateway.Accounts.Tokens;

/// <summary>
/// CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320) over ASCII text, for token checksums. ASCII text of up to
/// <see cref="StackLimit"/> characters (every token: its 64 checksummed characters) is narrowed to bytes and hashed by
/// <see cref="System.IO.Hashing.Crc32"/>, which folds 64 bytes and more with carry-less multiplication instead of a table
/// lookup per byte; anything else takes the table, each character taken as one byte. Both give the same checksum.
/// </summary>
public static class Crc32
{
    /// <summary>The longest text narrowed on the stack for the vectorised checksum.</summary>
    public const int StackLimit = 128;

    private static readonly uint[] Table = BuildTable();

    /// <summary>The CRC-32 of the characters of <paramref name="text"/>, each taken as one byte.</summary>
    public static uint Compute(ReadOnlySpan<char> text)
    {
        if (text.Length <= StackLimit)
        {
            Span<byte> bytes = stackalloc byte[StackLimit];
            if (Ascii.FromUtf16(text, bytes, out var written) == OperationStatus.Done)
            {
                return System.IO.Hashing.Crc32.HashToUInt32(bytes[..written]);
            }
        }

        return ComputeByTable(text);
    }

    /// <summary>The same checksum one character at a time through the table (non-ASCII or long text; and the reference the tests compare with).</summary>
    internal static uint ComputeByTable(ReadOnlySpan<char> text)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var c in text)
        {
            crc = Table[(crc ^ (byte)c) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
