using System.Security.Cryptography;
using Gateway.Signing.Internal;
using Gateway.Signing.StructuredFields;
using Microsoft.Extensions.Primitives;

namespace Gateway.Signing.Digests;

/// <summary>
/// RFC 9530 <c>Content-Digest</c>: computes the header value for a body and verifies a received header against
/// the body. Supports <c>sha-256</c> and <c>sha-512</c>; other algorithms are ignored; comparisons are constant time.
/// </summary>
public static class ContentDigest
{
    /// <summary>The <c>Content-Digest</c> header name.</summary>
    public const string HeaderName = "Content-Digest";

    /// <summary>The RFC 9530 key of SHA-256: <c>sha-256</c>.</summary>
    public const string Sha256Key = "sha-256";

    /// <summary>The RFC 9530 key of SHA-512: <c>sha-512</c>.</summary>
    public const string Sha512Key = "sha-512";

    /// <summary>Computes the header value, e.g. <c>sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:</c>.</summary>
    public static string Create(ReadOnlySpan<byte> body, ContentDigestAlgorithm algorithm = ContentDigestAlgorithm.Sha256)
    {
        Span<byte> hash = stackalloc byte[SHA512.HashSizeInBytes];
        var length = Hash(algorithm, body, hash);
        var key = algorithm == ContentDigestAlgorithm.Sha256 ? Sha256Key : Sha512Key;
        return key + "=:" + Convert.ToBase64String(hash[..length]) + ":";
    }

    /// <summary>Verifies the request's <c>Content-Digest</c> header (field lines combined with <c>", "</c>).</summary>
    public static ContentDigestStatus Verify(ISignableRequest request, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Verify(HeaderValues.Combine(request, HeaderName), body);
    }

    /// <summary>Verifies header field lines against the body.</summary>
    public static ContentDigestStatus Verify(StringValues header, ReadOnlySpan<byte> body) =>
        Verify(HeaderValues.Combine(header), body);

    /// <summary>
    /// Verifies a header value against the body: every supported algorithm present must match; unsupported ones
    /// are ignored. <see langword="null"/> means the header is absent.
    /// </summary>
    public static ContentDigestStatus Verify(string? header, ReadOnlySpan<byte> body)
    {
        if (header is null)
        {
            return ContentDigestStatus.Missing;
        }

        if (!StructuredFieldParser.TryParseDictionary(header, out var dictionary) || dictionary.Members.Count == 0)
        {
            return ContentDigestStatus.Malformed;
        }

        var seen256 = false;
        var seen512 = false;
        var mismatch = false;
        Span<byte> computed = stackalloc byte[SHA512.HashSizeInBytes];
        foreach (var member in dictionary.Members)
        {
            ContentDigestAlgorithm algorithm;
            if (member.Key == Sha256Key)
            {
                if (seen256)
                {
                    return ContentDigestStatus.Malformed;
                }

                seen256 = true;
                algorithm = ContentDigestAlgorithm.Sha256;
            }
            else if (member.Key == Sha512Key)
            {
                if (seen512)
                {
                    return ContentDigestStatus.Malformed;
                }

                seen512 = true;
                algorithm = ContentDigestAlgorithm.Sha512;
            }
            else
            {
                continue;
            }

            if (member.Item is not { Value: { Kind: SfItemKind.ByteSequence, Bytes: { } expected } })
            {
                return ContentDigestStatus.Malformed;
            }

            var length = Hash(algorithm, body, computed);
            mismatch |= !CryptographicOperations.FixedTimeEquals(computed[..length], expected);
        }

        if (!seen256 && !seen512)
        {
            return ContentDigestStatus.NoSupportedAlgorithm;
        }

        return mismatch ? ContentDigestStatus.Mismatch : ContentDigestStatus.Valid;
    }

    private static int Hash(ContentDigestAlgorithm algorithm, ReadOnlySpan<byte> body, Span<byte> destination) =>
        algorithm switch
        {
            ContentDigestAlgorithm.Sha256 => SHA256.HashData(body, destination),
            ContentDigestAlgorithm.Sha512 => SHA512.HashData(body, destination),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
        };
}
