using Gateway.Client.Signing;
using Gateway.Client.Signing.Rfc9421;

namespace Gateway.Client;

/// <summary>
/// Signs every outgoing request with an RFC 9421 <c>hmac-sha256</c> signature (<see cref="Rfc9421RequestSigner"/>):
/// <c>@method</c>, <c>@authority</c>, <c>@path</c>, <c>@query</c> (when the URL has a query) and <c>content-digest</c>
/// (when the request has content), with <c>created</c> from the <see cref="TimeProvider"/>, a fresh nonce, <c>keyid</c>
/// and <c>alg</c>. Replaces any <c>Signature-Input</c>/<c>Signature</c> already on the request. Content is buffered to
/// hash it. (The typed form of <see cref="SigningHandler"/> with the RFC 9421 scheme.)
/// </summary>
public sealed class Rfc9421SigningHandler : BodySigningHandler
{
    private readonly Rfc9421RequestSigner _signer;
    private readonly SigningKey _key;

    /// <summary>Creates the handler; <paramref name="timeProvider"/> defaults to <see cref="TimeProvider.System"/>.</summary>
    public Rfc9421SigningHandler(Rfc9421SigningOptions options, TimeProvider? timeProvider = null)
        : base(timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        _signer = new Rfc9421RequestSigner { Label = options.Label, Expiry = options.Expiry };
        _key = new SigningKey(options.KeyId, options.Secret);
    }

    /// <summary>Creates the handler in front of <paramref name="innerHandler"/>.</summary>
    public Rfc9421SigningHandler(Rfc9421SigningOptions options, TimeProvider? timeProvider, HttpMessageHandler innerHandler)
        : this(options, timeProvider)
    {
        InnerHandler = innerHandler;
    }

    /// <inheritdoc />
    protected override void Sign(HttpRequestMessage request, byte[]? body) => SigningHandler.Sign(_signer, _key, request, body, Time.GetUtcNow());
}
