using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Gateway.Signing.Internal;

namespace Gateway.Signing.Rfc9421;

/// <summary>
/// Verifies an RFC 9421 <c>hmac-sha256</c> signature: rebuilds the signature base from the request, computes
/// HMAC-SHA256 under the key and compares it with the received signature in constant time.
/// Freshness, required components and replay are the caller's policy (see <see cref="Rfc9421Requirements"/>).
/// </summary>
public static class Rfc9421Verifier
{
    /// <summary>
    /// Verifies with the gateway's secret string; its UTF-8 bytes are the HMAC key (docs/SIGNING.md).
    /// Returns <see cref="Rfc9421Error.None"/> when the signature matches.
    /// </summary>
    public static Rfc9421Error Verify(ISignableRequest request, Rfc9421Signature signature, string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var length = Encoding.UTF8.GetByteCount(secret);
        var rented = length > 256 ? ArrayPool<byte>.Shared.Rent(length) : null;
        Span<byte> key = rented is null ? stackalloc byte[256] : rented;
        try
        {
            var written = Encoding.UTF8.GetBytes(secret, key);
            return Verify(request, signature, key[..written]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Verifies with raw key bytes. Returns <see cref="Rfc9421Error.None"/> when the signature matches.</summary>
    public static Rfc9421Error Verify(ISignableRequest request, Rfc9421Signature signature, ReadOnlySpan<byte> key) =>
        Verify(request, signature, key, null);

    /// <summary>
    /// Verifies with a prepared key (<see cref="HmacSha256Key"/>: keyed once, reused across requests). Returns
    /// <see cref="Rfc9421Error.None"/> when the signature matches.
    /// </summary>
    public static Rfc9421Error Verify(ISignableRequest request, Rfc9421Signature signature, HmacSha256Key key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Verify(request, signature, default, key);
    }

    private static Rfc9421Error Verify(ISignableRequest request, Rfc9421Signature signature, ReadOnlySpan<byte> key, HmacSha256Key? prepared)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(signature);
        if (!signature.IsValid)
        {
            return signature.Error;
        }

        var builder = new ValueUtf8Builder(512);
        try
        {
            var error = SignatureBase.Write(ref builder, request, signature);
            if (error != Rfc9421Error.None)
            {
                return error;
            }

            Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
            if (prepared is not null)
            {
                prepared.Compute(builder.Written, mac);
            }
            else
            {
                HMACSHA256.HashData(key, builder.Written, mac);
            }

            return CryptographicOperations.FixedTimeEquals(mac, signature.SignatureBytes)
                ? Rfc9421Error.None
                : Rfc9421Error.SignatureMismatch;
        }
        finally
        {
            builder.Dispose();
        }
    }

    /// <summary>Computes the HMAC-SHA256 signature of the request under <paramref name="key"/> (used by the signer).</summary>
    internal static byte[] ComputeSignature(ISignableRequest request, Rfc9421Signature signature, ReadOnlySpan<byte> key, out Rfc9421Error error)
    {
        var builder = new ValueUtf8Builder(512);
        try
        {
            error = SignatureBase.Write(ref builder, request, signature);
            return error == Rfc9421Error.None ? HMACSHA256.HashData(key, builder.Written) : [];
        }
        finally
        {
            builder.Dispose();
        }
    }
}
