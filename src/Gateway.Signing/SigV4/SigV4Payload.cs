using System.Security.Cryptography;
using Gateway.Signing.Internal;

namespace Gateway.Signing.SigV4;

/// <summary>SigV4 payload hashing: the lowercase hex SHA-256 of the body, and a constant-time check of a sent hash.</summary>
public static class SigV4Payload
{
    /// <summary>The SHA-256 of no bytes: what a bodiless request's hash is compared with, without hashing anything.</summary>
    private static readonly byte[] EmptyHash = SHA256.HashData(ReadOnlySpan<byte>.Empty);

    /// <summary>The lowercase hex SHA-256 of <paramref name="body"/> (<see cref="SigV4Constants.EmptyPayloadHash"/> for an empty body).</summary>
    public static string ComputeHash(ReadOnlySpan<byte> body)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>
    /// True when <paramref name="sentHash"/> (an <c>X-Amz-Content-Sha256</c> value, hex of either case) equals the
    /// SHA-256 of <paramref name="body"/>; compared in constant time. <see cref="SigV4Constants.UnsignedPayload"/>
    /// and malformed values return <see langword="false"/>: the caller decides whether an unsigned payload is allowed.
    /// </summary>
    public static bool Matches(string? sentHash, ReadOnlySpan<byte> body)
    {
        Span<byte> expected = stackalloc byte[SHA256.HashSizeInBytes];
        if (sentHash is null || !HexEncoding.TryDecode(sentHash, expected))
        {
            return false;
        }

        if (body.IsEmpty)
        {
            // Nearly every GET: the empty body's hash is a constant.
            return CryptographicOperations.FixedTimeEquals(expected, EmptyHash);
        }

        Span<byte> actual = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, actual);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
