using System.Security.Cryptography;

namespace Gateway.Accounts.Tokens;

/// <summary>The <c>[0-9A-Za-z]</c> alphabet used by ids, tokens and checksums.</summary>
public static class Base62
{
    /// <summary>The 62 characters, in value order.</summary>
    public const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary><paramref name="length"/> characters drawn uniformly from the alphabet by a CSPRNG.</summary>
    public static string Random(int length) => RandomNumberGenerator.GetString(Alphabet, length);

    /// <summary><c>true</c> when every character is in the alphabet.</summary>
    public static bool IsBase62(ReadOnlySpan<char> value) => !value.ContainsAnyExcept(Characters);

    // Vectorised membership (a bearer token's 55 id and secret characters are checked on every request).
    private static readonly System.Buffers.SearchValues<char> Characters = System.Buffers.SearchValues.Create(Alphabet);

    /// <summary>Writes <paramref name="value"/> as exactly <paramref name="destination"/>.Length digits, most significant first.</summary>
    public static void EncodeFixed(ulong value, Span<char> destination)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = Alphabet[(int)(value % 62)];
            value /= 62;
        }
    }
}
