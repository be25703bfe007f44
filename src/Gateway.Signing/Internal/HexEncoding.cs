using System.Buffers;

namespace Gateway.Signing.Internal;

/// <summary>Allocation-free hexadecimal helpers.</summary>
internal static class HexEncoding
{
    private const string LowerDigits = "0123456789abcdef";

    /// <summary>Writes <paramref name="source"/> as lowercase ASCII hex into <paramref name="destination"/>.</summary>
    public static void WriteLower(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        for (var i = 0; i < source.Length; i++)
        {
            destination[2 * i] = (byte)LowerDigits[source[i] >> 4];
            destination[(2 * i) + 1] = (byte)LowerDigits[source[i] & 0xF];
        }
    }

    /// <summary>
    /// Decodes exactly <c>2 * destination.Length</c> hex characters (either case); returns false on any other input.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<char> source, Span<byte> destination)
    {
        if (source.Length != destination.Length * 2)
        {
            return false;
        }

        return Convert.FromHexString(source, destination, out _, out var written) == OperationStatus.Done
            && written == destination.Length;
    }
}
