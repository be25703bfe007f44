using System.Buffers.Text;
using System.Security.Cryptography;
using Gateway.Signing.Digests;
using Gateway.Signing.Rfc9421;

namespace Gateway.Client;

/// <summary>
/// Signs every outgoing request with an RFC 9421 <c>hmac-sha256</c> signature covering <c>@method</c>,
/// <c>@authority</c>, <c>@path</c>, <c>@query</c> (when the URL has a query) and <c>content-digest</c> (when the
/// request has content, after setting <c>Content-Digest: sha-256=:…:</c>), with <c>created</c> from the
/// <see cref="TimeProvider"/>, a fresh 128-bit base64url <c>nonce</c>, <c>keyid</c> and <c>alg</c>.
/// Replaces any <c>Signature-Input</c>/<c>Signature</c> already on the request. Content is buffered to hash it.
/// </summary>
public sealed class Rfc9421SigningHandler : BodySigningHandler
{
    private const int NonceBytes = 16;
    private readonly Rfc9421SigningOptions _options;

    /// <summary>Creates the handler; <paramref name="timeProvider"/> defaults to <see cref="TimeProvider.System"/>.</summary>
    public Rfc9421SigningHandler(Rfc9421SigningOptions options, TimeProvider? timeProvider = null)
        : base(timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>Creates the handler in front of <paramref name="innerHandler"/>.</summary>
    public Rfc9421SigningHandler(Rfc9421SigningOptions options, TimeProvider? timeProvider, HttpMessageHandler innerHandler)
        : this(options, timeProvider)
    {
        InnerHandler = innerHandler;
    }

    /// <inheritdoc />
    protected override void Sign(HttpRequestMessage request, byte[]? body)
    {
        request.Headers.Remove(Rfc9421Constants.SignatureInputHeader);
        request.Headers.Remove(Rfc9421Constants.SignatureHeader);
        request.Headers.Remove(ContentDigest.HeaderName);
        request.Content?.Headers.Remove(ContentDigest.HeaderName);

        var signable = new HttpRequestMessageSignableRequest(request);
        var components = new List<string>(5) { Rfc9421Components.Method, Rfc9421Components.Authority, Rfc9421Components.Path };
        if (Rfc9421Requirements.HasQuery(signable))
        {
            components.Add(Rfc9421Components.Query);
        }

        if (body is not null)
        {
            request.Headers.TryAddWithoutValidation(ContentDigest.HeaderName, ContentDigest.Create(body));
            components.Add(Rfc9421Components.ContentDigest);
        }

        var created = Time.GetUtcNow();
        var headers = Rfc9421Signer.Sign(
            signable,
            new Rfc9421SigningParameters
            {
                KeyId = _options.KeyId,
                Components = components,
                Created = created,
                Expires = created + _options.Expiry,
                Nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(NonceBytes)),
                Label = _options.Label,
            },
            _options.Secret);
        request.Headers.TryAddWithoutValidation(Rfc9421Constants.SignatureInputHeader, headers.SignatureInput);
        request.Headers.TryAddWithoutValidation(Rfc9421Constants.SignatureHeader, headers.Signature);
    }
}
