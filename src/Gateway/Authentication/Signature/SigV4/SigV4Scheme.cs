using Gateway.Configuration;
using Gateway.Errors;
using Gateway.Signing.SigV4;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Model;

namespace Gateway.Authentication.Signature.SigV4;

/// <summary>
/// AWS Signature Version 4 (<c>Authorization: AWS4-HMAC-SHA256 …</c>): the credential scope must name an accepted
/// region and service (<c>Gateway:Signing:SigV4</c>); the body is bound by <c>X-Amz-Content-Sha256</c> (or hashed
/// when absent; <c>UNSIGNED-PAYLOAD</c> only where the route allows it); the signature itself is the replay key.
/// </summary>
public sealed class SigV4Scheme : ISignatureScheme
{
    private static readonly string[] Headers = [HeaderNames.Authorization, "X-Amz-*"];

    /// <inheritdoc />
    public string Name => AuthSchemeNames.AwsSigV4;

    /// <inheritdoc />
    public string Challenge => SigV4Constants.Algorithm + " realm=\"gateway\"";

    /// <inheritdoc />
    public IReadOnlyList<string> CredentialHeaders => Headers;

    /// <inheritdoc />
    public bool ReleasesReplayOnRetry => true;

    /// <inheritdoc />
    public bool Detects(IHeaderDictionary headers)
    {
        var authorization = headers.Authorization;
        return authorization.Count == 1
            && authorization[0] is { } value
            && value.StartsWith(SigV4Constants.Algorithm, StringComparison.Ordinal);
    }

    /// <inheritdoc />
    public SignatureParse Parse(SignatureRequest request)
    {
        var parsed = SigV4Parser.Parse(request.Signable);
        if (parsed.Error is SigV4Error.MissingAuthorization or SigV4Error.NotSigV4)
        {
            return SignatureParse.NotThisScheme;
        }

        if (!parsed.Succeeded)
        {
            return SignatureParse.Failed(ErrorCodes.MalformedCredentials,
                $"The AWS SigV4 authorization is not usable: {SignatureErrorText.Describe(parsed.Error)}.");
        }

        var scope = parsed.Authorization!.Credential;
        var sigv4 = request.Options.SigV4;
        if (!sigv4.Accepts(scope.Region, scope.Service))
        {
            return SignatureParse.Failed(ErrorCodes.MalformedCredentials,
                $"The credential scope must name region {string.Join(" or ", sigv4.EffectiveRegions)} and service {string.Join(" or ", sigv4.EffectiveServices)}.");
        }

        return SignatureParse.Parsed(scope.AccessKeyIdMemory, parsed.RequestTime!.Value, null, parsed.Authorization.SignatureHexMemory,
            "X-Amz-Date is outside the allowed clock skew.", parsed);
    }

    /// <inheritdoc />
    public async ValueTask<SignatureProof> VerifyAsync(SignatureRequest request, SignatureParse parsed, SigningSecret secret)
    {
        var sigv4 = (SigV4ParseResult)parsed.State!;
        var sentHash = request.Context.Request.Headers[SigV4Constants.ContentSha256Header].ToString();
        string payloadHash;
        if (sentHash == SigV4Constants.UnsignedPayload)
        {
            if (!RouteAllowsUnsignedPayload(request.Context))
            {
                return SignatureProof.Failed(ErrorCodes.MalformedCredentials, "UNSIGNED-PAYLOAD is not allowed on this route.");
            }

            payloadHash = sentHash;
        }
        else
        {
            var body = await request.ReadBodyAsync(request.HasBody);
            if (body is null)
            {
                return request.TooLarge();
            }

            if (sentHash.Length > 0 && !SigV4Payload.Matches(sentHash, body))
            {
                return SignatureProof.Failed(ErrorCodes.DigestMismatch, "The body does not match X-Amz-Content-Sha256.");
            }

            payloadHash = sentHash.Length > 0 ? sentHash : SigV4Payload.ComputeHash(body);
        }

        var scope = sigv4.Authorization!.Credential;
        var signingKey = secret.SigV4SigningKey(scope.DateStamp, scope.Region, scope.Service);
        return new SignatureProof(SigV4Verifier.VerifyWithSigningKey(request.Signable, sigv4, payloadHash, signingKey, request.Options.SigV4.PathMode) == SigV4Error.None);
    }

    private static bool RouteAllowsUnsignedPayload(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>()?.Config.Metadata is { } metadata
        && metadata.TryGetValue(RouteMetadataKeys.AllowUnsignedPayload, out var value)
        && bool.TryParse(value, out var allowed) && allowed;
}
