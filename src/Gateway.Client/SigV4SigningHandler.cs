using Gateway.Signing.SigV4;

namespace Gateway.Client;

/// <summary>
/// Signs every outgoing request with AWS SigV4 (<c>AWS4-HMAC-SHA256</c>): sets <c>X-Amz-Date</c> from the
/// <see cref="TimeProvider"/>, <c>X-Amz-Content-Sha256</c> (hex SHA-256 of the buffered body) and
/// <c>Authorization</c>, signing <c>host</c>, <c>x-amz-content-sha256</c> and <c>x-amz-date</c>.
/// </summary>
public sealed class SigV4SigningHandler : BodySigningHandler
{
    private readonly SigV4SigningParameters _parameters;

    /// <summary>Creates the handler; <paramref name="timeProvider"/> defaults to <see cref="TimeProvider.System"/>.</summary>
    public SigV4SigningHandler(SigV4SigningOptions options, TimeProvider? timeProvider = null)
        : base(timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        _parameters = new SigV4SigningParameters
        {
            AccessKeyId = options.AccessKeyId,
            Secret = options.Secret,
            Region = options.Region,
            Service = options.Service,
        };
    }

    /// <summary>Creates the handler in front of <paramref name="innerHandler"/>.</summary>
    public SigV4SigningHandler(SigV4SigningOptions options, TimeProvider? timeProvider, HttpMessageHandler innerHandler)
        : this(options, timeProvider)
    {
        InnerHandler = innerHandler;
    }

    /// <inheritdoc />
    protected override void Sign(HttpRequestMessage request, byte[]? body)
    {
        var payloadHash = SigV4Payload.ComputeHash(body ?? []);
        request.Headers.Remove(SigV4Constants.AuthorizationHeader);
        request.Headers.Remove(SigV4Constants.AmzDateHeader);
        request.Headers.Remove(SigV4Constants.ContentSha256Header);
        request.Headers.TryAddWithoutValidation(SigV4Constants.AmzDateHeader, SigV4Signer.FormatAmzDate(Time.GetUtcNow()));
        request.Headers.TryAddWithoutValidation(SigV4Constants.ContentSha256Header, payloadHash);
        var authorization = SigV4Signer.CreateAuthorization(new HttpRequestMessageSignableRequest(request), _parameters, payloadHash);
        request.Headers.TryAddWithoutValidation(SigV4Constants.AuthorizationHeader, authorization);
    }
}
