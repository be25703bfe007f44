using System.Buffers.Text;
using System.Security.Cryptography;
using Gateway.Signing.Digests;
using Gateway.Signing.Rfc9421;

namespace Gateway.Client.Signing.Rfc9421;

/// <summary>
/// RFC 9421 <c>hmac-sha256</c>: covers <c>@method</c>, <c>@authority</c>, <c>@path</c>, <c>@query</c> (when the URL has
/// a query) and <c>content-digest</c> (when the request has content, after setting <c>Content-Digest: sha-256=:…:</c>),
/// with <c>created</c>, a fresh 128-bit base64url <c>nonce</c>, <c>keyid</c> and <c>alg</c>.
/// </summary>
public sealed class Rfc9421RequestSigner : IRequestSigner
{
    private const int NonceBytes = 16;
    private static readonly string[] Headers =
        [Rfc9421Constants.SignatureInputHeader, Rfc9421Constants.SignatureHeader, ContentDigest.HeaderName];

    /// <summary>The signature label; default <c>sig1</c>.</summary>
    public string Label { get; init; } = Rfc9421Constants.DefaultLabel;

    /// <summary>When set, adds <c>expires</c> = <c>created</c> + this; default <see langword="null"/> (no <c>expires</c>).</summary>
    public TimeSpan? Expiry { get; init; }

    /// <inheritdoc />
    public string Name => "rfc9421";

    /// <inheritdoc />
    public IReadOnlyList<string> CredentialHeaders => Headers;

    /// <inheritdoc />
    public void Sign(HttpRequestMessage request, byte[]? body, SigningKey key, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(key);
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

        var headers = Rfc9421Signer.Sign(
            signable,
            new Rfc9421SigningParameters
            {
                KeyId = key.KeyId,
                Components = components,
                Created = now,
                Expires = now + Expiry,
                Nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(NonceBytes)),
                Label = Label,
            },
            key.Secret);
        request.Headers.TryAddWithoutValidation(Rfc9421Constants.SignatureInputHeader, headers.SignatureInput);
        request.Headers.TryAddWithoutValidation(Rfc9421Constants.SignatureHeader, headers.Signature);
    }
}
