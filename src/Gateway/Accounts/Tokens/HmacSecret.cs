namespace Gateway.Accounts.Tokens;

/// <summary>
/// The HMAC secret format: <c>gws_</c> + 43 base62 characters (256 bits) + 6 base62 digits of CRC-32, 53 characters.
/// The secret string exactly as issued is the signing secret (its UTF-8 bytes for RFC 9421; SigV4 derives its
/// signing key from it). The prefix and checksum let secret scanners recognise a leaked one.
/// </summary>
public static class HmacSecret
{
    /// <summary>Prefix of every HMAC secret.</summary>
    public const string Prefix = "gws_";

    /// <summary>Total length: 53.</summary>
    public const int Length = 4 + BearerToken.SecretLength + BearerToken.ChecksumLength;

    /// <summary>A fresh secret.</summary>
    public static string Create() => string.Create(Length, 0, static (span, _) =>
    {
        Prefix.AsSpan().CopyTo(span);
        Base62.Random(BearerToken.SecretLength).AsSpan().CopyTo(span[4..]);
        Base62.EncodeFixed(Crc32.Compute(span[..^BearerToken.ChecksumLength]), span[^BearerToken.ChecksumLength..]);
    });
}
