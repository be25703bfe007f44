using Gateway.Client.Signing;
using Gateway.Client.Signing.SigV4;

namespace Gateway.Client;

/// <summary>
/// Signs every outgoing request with AWS SigV4 (<c>AWS4-HMAC-SHA256</c>, <see cref="SigV4RequestSigner"/>): sets
/// <c>X-Amz-Date</c> from the <see cref="TimeProvider"/>, <c>X-Amz-Content-Sha256</c> (hex SHA-256 of the buffered body)
/// and <c>Authorization</c>, signing <c>host</c>, <c>x-amz-content-sha256</c> and <c>x-amz-date</c>. (The typed form of
/// <see cref="SigningHandler"/> with the SigV4 scheme.)
/// </summary>
public sealed class SigV4SigningHandler : BodySigningHandler
{
    private readonly SigV4RequestSigner _signer;
    private readonly SigningKey _key;

    /// <summary>Creates the handler; <paramref name="timeProvider"/> defaults to <see cref="TimeProvider.System"/>.</summary>
    public SigV4SigningHandler(SigV4SigningOptions options, TimeProvider? timeProvider = null)
        : base(timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        _signer = new SigV4RequestSigner { Region = options.Region, Service = options.Service };
        _key = new SigningKey(options.AccessKeyId, options.Secret);
    }

    /// <summary>Creates the handler in front of <paramref name="innerHandler"/>.</summary>
    public SigV4SigningHandler(SigV4SigningOptions options, TimeProvider? timeProvider, HttpMessageHandler innerHandler)
        : this(options, timeProvider)
    {
        InnerHandler = innerHandler;
    }

    /// <inheritdoc />
    protected override void Sign(HttpRequestMessage request, byte[]? body) => SigningHandler.Sign(_signer, _key, request, body, Time.GetUtcNow());
}
