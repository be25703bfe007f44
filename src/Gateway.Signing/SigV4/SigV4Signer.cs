using System.Globalization;
using System.Security.Cryptography;

namespace Gateway.Signing.SigV4;

/// <summary>
/// Produces the <c>Authorization: AWS4-HMAC-SHA256 …</c> value for a request that already carries its
/// <c>X-Amz-Date</c> header (and <c>X-Amz-Content-Sha256</c> if it is to be signed).
/// </summary>
public static class SigV4Signer
{
    /// <summary>Formats a time as an <c>X-Amz-Date</c> value (<c>yyyyMMddTHHmmssZ</c>, UTC).</summary>
    public static string FormatAmzDate(DateTimeOffset time) =>
        time.UtcDateTime.ToString(SigV4Constants.AmzDateFormat, CultureInfo.InvariantCulture);

    /// <summary>
    /// Builds the Authorization header value. Throws <see cref="InvalidOperationException"/> when the request has
    /// no valid <c>X-Amz-Date</c> or lacks a header to be signed.
    /// </summary>
    public static string CreateAuthorization(ISignableRequest request, SigV4SigningParameters parameters, string payloadHash)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(payloadHash);
        if (!request.TryGetHeader(SigV4Constants.AmzDateHeader, out var dates) || dates.Count != 1
            || !SigV4Parser.TryParseAmzDate(dates[0], out var time))
        {
            throw new InvalidOperationException("The request must carry one valid X-Amz-Date header before it is signed.");
        }

        var amzDate = dates[0]!;
        var credential = new SigV4Credential(
            parameters.AccessKeyId,
            amzDate[..8],
            DateOnly.FromDateTime(time.UtcDateTime),
            parameters.Region,
            parameters.Service);
        var signedHeaders = SelectSignedHeaders(request, parameters.SignedHeaders);
        Span<byte> signature = stackalloc byte[HMACSHA256.HashSizeInBytes];
        var error = SigV4Verifier.ComputeSignature(request, credential, signedHeaders, amzDate, payloadHash, parameters.Secret, parameters.PathMode, signature);
        if (error != SigV4Error.None)
        {
            throw new InvalidOperationException($"The request cannot be signed: {error}.");
        }

        return $"{SigV4Constants.Algorithm} Credential={parameters.AccessKeyId}/{credential.Scope}, SignedHeaders={string.Join(';', signedHeaders)}, Signature={Convert.ToHexStringLower(signature)}";
    }

    private static string[] SelectSignedHeaders(ISignableRequest request, IReadOnlyList<string>? requested)
    {
        IEnumerable<string> names = requested
            ?? new[] { "host", "x-amz-date", "x-amz-content-sha256", "x-amz-security-token" }
                .Where(name => name is "host" or "x-amz-date" || request.TryGetHeader(name, out _));
        var result = names.Select(name => name.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToArray();
        Array.Sort(result, StringComparer.Ordinal);
        return result;
    }
}
