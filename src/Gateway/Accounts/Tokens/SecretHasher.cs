using System.Security.Cryptography;
using System.Text;

namespace Gateway.Accounts.Tokens;

/// <summary>
/// Keyed hashing of bearer tokens: HMAC-SHA-256 under the server's token-hash key, so a stolen database alone does
/// not allow offline guessing; comparison in constant time.
/// </summary>
public sealed class SecretHasher
{
    private readonly byte[] _key;

    /// <summary>Creates a hasher; <paramref name="key"/> must be at least 32 bytes.</summary>
    public SecretHasher(byte[] key)
    {
        if (key.Length < 32)
        {
            throw new ArgumentException("The token-hash key must be at least 32 bytes.", nameof(key));
        }

        _key = key;
    }

    /// <summary>The stored form of <paramref name="token"/>.</summary>
    public byte[] Hash(ReadOnlySpan<char> token)
    {
        var hash = new byte[HMACSHA256.HashSizeInBytes];
        Compute(token, hash);
        return hash;
    }

    /// <summary>
    /// <c>true</c> when <paramref name="token"/> hashes to <paramref name="expected"/>. Takes the same time whether
    /// or not <paramref name="expected"/> is empty (unknown key), so timing does not tell unknown from wrong.
    /// </summary>
    public bool Verify(ReadOnlySpan<char> token, ReadOnlySpan<byte> expected)
    {
        Span<byte> actual = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Compute(token, actual);
        Span<byte> reference = stackalloc byte[HMACSHA256.HashSizeInBytes];
        var known = expected.Length == HMACSHA256.HashSizeInBytes;
        if (known)
        {
            expected.CopyTo(reference);
        }

        return CryptographicOperations.FixedTimeEquals(actual, reference) & known;
    }

    private void Compute(ReadOnlySpan<char> token, Span<byte> destination)
    {
        Span<byte> utf8 = stackalloc byte[256];
        if (Encoding.UTF8.TryGetBytes(token, utf8, out var written))
        {
            HMACSHA256.HashData(_key, utf8[..written], destination);
            return;
        }

        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(token.ToString()), destination);
    }
}
