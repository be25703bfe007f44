using Gateway.Signing.SigV4;

namespace Gateway.Client.Signing.SigV4;

/// <summary>
/// AWS Signature Version 4 (<c>AWS4-HMAC-SHA256</c>): sets <c>X-Amz-Date</c>, <c>X-Amz-Content-Sha256</c> (hex SHA-256 of
/// the body) and <c>Authorization</c>, signing <c>host</c>, <c>x-amz-content-sha256</c> and <c>x-amz-date</c>.
/// </summary>
public sealed class SigV4RequestSigner : IRequestSigner
{
    private static readonly string[] Headers =
        [SigV4Constants.AuthorizationHeader, SigV4Constants.AmzDateHeader, SigV4Constants.ContentSha256Header];

    /// <summary>The credential scope region; default <c>us-east-1</c>.</summary>
    public string Region { get; init; } = SigV4Constants.DefaultRegion;

    /// <summary>The credential scope service; default <c>gateway</c>.</summary>
    public string Service { get; init; } = SigV4Constants.DefaultService;

    /// <inheritdoc />
    public string Name => "aws-sigv4";

    /// <inheritdoc />
    public IReadOnlyList<string> CredentialHeaders => Headers;

    /// <inheritdoc />
    public void Sign(HttpRequestMessage request, byte[]? body, SigningKey key, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(key);
        var payloadHash = SigV4Payload.ComputeHash(body ?? []);
        request.Headers.TryAddWithoutValidation(SigV4Constants.AmzDateHeader, SigV4Signer.FormatAmzDate(now));
        request.Headers.TryAddWithoutValidation(SigV4Constants.ContentSha256Header, payloadHash);
        var parameters = new SigV4SigningParameters { AccessKeyId = key.KeyId, Secret = key.Secret, Region = Region, Service = Service };
        var authorization = SigV4Signer.CreateAuthorization(new HttpRequestMessageSignableRequest(request), parameters, payloadHash);
        request.Headers.TryAddWithoutValidation(SigV4Constants.AuthorizationHeader, authorization);
    }
}
