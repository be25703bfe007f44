using Gateway.Errors;
using Gateway.Signing.Digests;
using Gateway.Signing.Rfc9421;
using Microsoft.AspNetCore.Http;

namespace Gateway.Authentication.Signature.Rfc9421;

/// <summary>
/// RFC 9421 HTTP Message Signatures (<c>Signature-Input</c>/<c>Signature</c>, <c>hmac-sha256</c>): the signature must
/// cover the method, authority, path, query and (with a body) <c>content-digest</c>, and carry <c>created</c> and
/// <c>nonce</c>; the nonce is the replay key.
/// </summary>
public sealed class Rfc9421Scheme : ISignatureScheme
{
    private static readonly string[] Headers = [Rfc9421Constants.SignatureHeader, Rfc9421Constants.SignatureInputHeader];

    /// <inheritdoc />
    public string Name => AuthSchemeNames.Rfc9421;

    /// <inheritdoc />
    public string Challenge => "Signature realm=\"gateway\", alg=\"hmac-sha256\"";

    /// <inheritdoc />
    public IReadOnlyList<string> CredentialHeaders => Headers;

    /// <inheritdoc />
    public bool ReleasesReplayOnRetry => false;

    /// <inheritdoc />
    public bool Detects(IHeaderDictionary headers) => headers.ContainsKey(Rfc9421Constants.SignatureInputHeader);

    /// <inheritdoc />
    public SignatureParse Parse(SignatureRequest request)
    {
        if (!request.Signable.TryGetHeader(Rfc9421Constants.SignatureInputHeader, out _))
        {
            return SignatureParse.NotThisScheme;
        }

        var selection = Rfc9421Parser.ParseFirst(request.Signable, out var signature);
        if (selection != Rfc9421Error.None || signature is null)
        {
            return SignatureParse.Failed(ErrorCodes.MalformedCredentials,
                $"The RFC 9421 signature headers are not usable: {SignatureErrorText.Describe(selection)}.");
        }

        var requirements = Rfc9421Requirements.Check(signature, request.Signable, request.HasBody);
        if (requirements != Rfc9421Error.None)
        {
            return SignatureParse.Failed(ErrorCodes.MalformedCredentials, RequirementDetail(requirements));
        }

        if (signature.Algorithm is { } alg && alg != "hmac-sha256")
        {
            return SignatureParse.Failed(ErrorCodes.MalformedCredentials, "Only alg=\"hmac-sha256\" is accepted.");
        }

        return SignatureParse.Parsed(signature.KeyIdMemory, signature.CreatedAt, signature.ExpiresAt, signature.NonceMemory,
            "The signature's created time is outside the allowed clock skew.", signature);
    }

    /// <inheritdoc />
    public async ValueTask<SignatureProof> VerifyAsync(SignatureRequest request, SignatureParse parsed, SigningSecret secret)
    {
        var signature = (Rfc9421Signature)parsed.State!;
        var hasBody = request.HasBody;
        var body = await request.ReadBodyAsync(hasBody);
        if (body is null)
        {
            return request.TooLarge();
        }

        // A covered digest is checked against the body actually received, an empty one included: otherwise the
        // body could be stripped from a signed request and the upstream would get a Content-Digest that lies.
        var bindsBody = hasBody || signature.Covers(Rfc9421Components.ContentDigest);
        if (bindsBody && ContentDigest.Verify(request.Signable, body) is var digest && digest != ContentDigestStatus.Valid)
        {
            return digest == ContentDigestStatus.Mismatch
                ? SignatureProof.Failed(ErrorCodes.DigestMismatch, "The body does not match its Content-Digest.")
                : SignatureProof.Failed(ErrorCodes.MalformedCredentials, "Content-Digest must carry a sha-256 or sha-512 digest of the body.");
        }

        return new SignatureProof(Rfc9421Verifier.Verify(request.Signable, signature, secret.Key) == Rfc9421Error.None);
    }

    private static string RequirementDetail(Rfc9421Error error) => error switch
    {
        Rfc9421Error.MissingCreated => "The signature must carry the created parameter.",
        Rfc9421Error.MissingNonce => "The signature must carry the nonce parameter.",
        _ => "The signature must cover \"@method\", \"@authority\", \"@path\", \"@query\" (when there is a query) and \"content-digest\" (when there is a body).",
    };
}
