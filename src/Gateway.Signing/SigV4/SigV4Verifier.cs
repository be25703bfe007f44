using System.Security.Cryptography;
using Gateway.Signing.Internal;

namespace Gateway.Signing.SigV4;

/// <summary>
/// Verifies an AWS SigV4 signature: rebuilds the canonical request and string to sign from the request, derives
/// the signing key from the secret and compares the HMAC with the received signature in constant time.
/// Region, service, clock skew, payload-hash policy and replay are the caller's checks, made beforehand.
/// </summary>
public static class SigV4Verifier
{
    /// <summary>
    /// Verifies a successful <see cref="SigV4Parser.Parse(ISignableRequest)"/> result. <paramref name="payloadHash"/>
    /// is the value signed as the payload hash: the <c>X-Amz-Content-Sha256</c> header when sent (after the caller
    /// checked it against the body), otherwise the hex SHA-256 of the body (<see cref="SigV4Payload.ComputeHash"/>).
    /// <paramref name="secret"/> is the secret string as issued. Returns <see cref="SigV4Error.None"/> when the
    /// signature matches.
    /// </summary>
    public static SigV4Error Verify(
        ISignableRequest request,
        SigV4ParseResult parsed,
        string payloadHash,
        string secret,
        SigV4PathMode pathMode = SigV4PathMode.Normalized)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(parsed);
        ArgumentNullException.ThrowIfNull(payloadHash);
        ArgumentNullException.ThrowIfNull(secret);
        if (parsed.Error != SigV4Error.None)
        {
            return parsed.Error;
        }

        if (parsed.Authorization is not { } authorization || parsed.AmzDate is not { } amzDate)
        {
            throw new ArgumentException("Pass the result of SigV4Parser.Parse(request).", nameof(parsed));
        }

        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        var error = ComputeSignature(request, authorization.Credential, authorization.SignedHeaders, amzDate, payloadHash, secret, pathMode, mac);
        if (error != SigV4Error.None)
        {
            return error;
        }

        return CryptographicOperations.FixedTimeEquals(mac, authorization.Signature) ? SigV4Error.None : SigV4Error.SignatureMismatch;
    }

    /// <summary>
    /// As <see cref="Verify(ISignableRequest, SigV4ParseResult, string, string, SigV4PathMode)"/>, with the signing key
    /// already derived (<see cref="SigV4Canonicalizer.DeriveSigningKey(string, string, string, string, Span{byte})"/>) for the credential scope's date, region and
    /// service — the caller keeps it per key and scope, saving four HMACs per request.
    /// </summary>
    public static SigV4Error VerifyWithSigningKey(
        ISignableRequest request,
        SigV4ParseResult parsed,
        string payloadHash,
        ReadOnlySpan<byte> signingKey,
        SigV4PathMode pathMode = SigV4PathMode.Normalized) =>
        VerifyWithSigningKey(request, parsed, payloadHash, signingKey, null, pathMode);

    /// <summary>
    /// As <see cref="VerifyWithSigningKey(ISignableRequest, SigV4ParseResult, string, ReadOnlySpan{byte}, SigV4PathMode)"/>,
    /// with the derived signing key prepared as an <see cref="HmacSha256Key"/> (keyed once, reused across requests).
    /// </summary>
    public static SigV4Error VerifyWithSigningKey(
        ISignableRequest request,
        SigV4ParseResult parsed,
        string payloadHash,
        HmacSha256Key signingKey,
        SigV4PathMode pathMode = SigV4PathMode.Normalized)
    {
        ArgumentNullException.ThrowIfNull(signingKey);
        return VerifyWithSigningKey(request, parsed, payloadHash, default, signingKey, pathMode);
    }

    private static SigV4Error VerifyWithSigningKey(
        ISignableRequest request,
        SigV4ParseResult parsed,
        string payloadHash,
        ReadOnlySpan<byte> signingKey,
        HmacSha256Key? prepared,
        SigV4PathMode pathMode)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(parsed);
        ArgumentNullException.ThrowIfNull(payloadHash);
        if (parsed.Error != SigV4Error.None)
        {
            return parsed.Error;
        }

        if (parsed.Authorization is not { } authorization || parsed.AmzDate is not { } amzDate)
        {
            throw new ArgumentException("Pass the result of SigV4Parser.Parse(request).", nameof(parsed));
        }

        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        var error = SignWithKey(request, authorization.Credential, authorization.SignedHeaders, amzDate, payloadHash, signingKey, prepared, pathMode, mac);
        if (error != SigV4Error.None)
        {
            return error;
        }

        return CryptographicOperations.FixedTimeEquals(mac, authorization.Signature) ? SigV4Error.None : SigV4Error.SignatureMismatch;
    }

    /// <summary>Computes the SigV4 signature of a request into <paramref name="destination"/> (32 bytes).</summary>
    internal static SigV4Error ComputeSignature(
        ISignableRequest request,
        SigV4Credential credential,
        IReadOnlyList<string> signedHeaders,
        string amzDate,
        string payloadHash,
        string secret,
        SigV4PathMode pathMode,
        Span<byte> destination)
    {
        Span<byte> signingKey = stackalloc byte[HMACSHA256.HashSizeInBytes];
        SigV4Canonicalizer.DeriveSigningKey(secret, credential.DateStamp, credential.Region, credential.Service, signingKey);
        try
        {
            return SignWithKey(request, credential, signedHeaders, amzDate, payloadHash, signingKey, null, pathMode, destination);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(signingKey);
        }
    }

    private static SigV4Error SignWithKey(
        ISignableRequest request,
        SigV4Credential credential,
        IReadOnlyList<string> signedHeaders,
        string amzDate,
        string payloadHash,
        ReadOnlySpan<byte> signingKey,
        HmacSha256Key? prepared,
        SigV4PathMode pathMode,
        Span<byte> destination)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var builder = new ValueUtf8Builder(1024);
        try
        {
            var error = SigV4Canonicalizer.WriteCanonicalRequest(ref builder, request, signedHeaders, payloadHash, pathMode);
            if (error != SigV4Error.None)
            {
                return error;
            }

            SHA256.HashData(builder.Written, hash);
        }
        finally
        {
            builder.Dispose();
        }

        var stringToSign = new ValueUtf8Builder(256);
        try
        {
            SigV4Canonicalizer.WriteStringToSign(ref stringToSign, amzDate, credential, hash);
            if (prepared is not null)
            {
                prepared.Compute(stringToSign.Written, destination);
            }
            else
            {
                HMACSHA256.HashData(signingKey, stringToSign.Written, destination);
            }
        }
        finally
        {
            stringToSign.Dispose();
        }

        return SigV4Error.None;
    }
}
