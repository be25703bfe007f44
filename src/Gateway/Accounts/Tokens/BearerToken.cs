namespace Gateway.Accounts.Tokens;

/// <summary>
/// The bearer token format: <c>gwk_</c> + key id body (16 base62) + <c>_</c> + secret (43 base62, 256 bits)
/// + checksum (6 base62 digits of the CRC-32 of everything before it). 70 characters of <c>[A-Za-z0-9_]</c>.
/// The checksum lets a mistyped or truncated token be rejected without a store lookup, and the fixed prefix and
/// shape let secret scanners recognise leaked tokens (<c>gwk_[0-9A-Za-z]{16}_[0-9A-Za-z]{49}</c>).
/// </summary>
public static class BearerToken
{
    /// <summary>Prefix of every bearer token.</summary>
    public const string Prefix = "gwk_";

    /// <summary>Characters of secret: 43 base62 digits, 62^43 ≈ 2^256.</summary>
    public const int SecretLength = 43;

    /// <summary>Characters of checksum: 6 base62 digits hold any 32-bit value.</summary>
    public const int ChecksumLength = 6;

    /// <summary>Total token length: 70.</summary>
    public const int Length = 4 + IdGenerator.RandomLength + 1 + SecretLength + ChecksumLength;

    /// <summary>A fresh token for <paramref name="keyId"/> (an <c>ak_</c> id).</summary>
    public static string Create(string keyId)
    {
        if (!IdGenerator.IsValid(keyId, IdGenerator.KeyPrefix))
        {
            throw new ArgumentException("Not a key id.", nameof(keyId));
        }

        return string.Create(Length, keyId, static (span, id) =>
        {
            Prefix.AsSpan().CopyTo(span);
            id.AsSpan(IdGenerator.KeyPrefix.Length).CopyTo(span[4..]);
            span[4 + IdGenerator.RandomLength] = '_';
            Base62.Random(SecretLength).AsSpan().CopyTo(span[(5 + IdGenerator.RandomLength)..]);
            var body = span[..^ChecksumLength];
            Base62.EncodeFixed(Crc32.Compute(body), span[^ChecksumLength..]);
        });
    }

    /// <summary>The length of the key id a token carries (<c>ak_</c> and its random part).</summary>
    public static readonly int KeyIdLength = IdGenerator.KeyPrefix.Length + IdGenerator.RandomLength;

    /// <summary>
    /// Checks shape and checksum and extracts the key id, touching no store. <c>false</c> for anything that is not a
    /// well-formed token.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> token, out string keyId)
    {
        Span<char> id = stackalloc char[KeyIdLength];
        keyId = TryParse(token, id) ? new string(id) : string.Empty;
        return keyId.Length > 0;
    }

    /// <summary>
    /// <see cref="TryParse(ReadOnlySpan{char}, out string)"/> writing the key id into <paramref name="keyId"/>
    /// (<see cref="KeyIdLength"/> characters) instead of a new string: the request path looks the key up by it.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> token, Span<char> keyId)
    {
        if (token.Length != Length
            || keyId.Length != KeyIdLength
            || !token.StartsWith(Prefix, StringComparison.Ordinal)
            || token[4 + IdGenerator.RandomLength] != '_'
            || !Base62.IsBase62(token[4..(4 + IdGenerator.RandomLength)])
            || !Base62.IsBase62(token[(5 + IdGenerator.RandomLength)..]))
        {
            return false;
        }

        Span<char> expected = stackalloc char[ChecksumLength];
        Base62.EncodeFixed(Crc32.Compute(token[..^ChecksumLength]), expected);
        if (!expected.SequenceEqual(token[^ChecksumLength..]))
        {
            return false;
        }

        IdGenerator.KeyPrefix.AsSpan().CopyTo(keyId);
        token[4..(4 + IdGenerator.RandomLength)].CopyTo(keyId[IdGenerator.KeyPrefix.Length..]);
        return true;
    }
}
