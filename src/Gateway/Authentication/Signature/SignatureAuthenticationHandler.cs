using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Gateway.Accounts;
using Gateway.Accounts.Secrets;
using Gateway.Authorization;
using Gateway.Errors;
using Gateway.Observability;
using Gateway.Replay;
using Gateway.Signing;
using Gateway.Signing.Digests;
using Gateway.Signing.Rfc9421;
using Gateway.Signing.SigV4;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Model;

namespace Gateway.Authentication.Signature;

/// <summary>
/// Authenticates signed requests — RFC 9421 (<c>Signature-Input</c>/<c>Signature</c>, <c>hmac-sha256</c>) and AWS
/// SigV4 (<c>Authorization: AWS4-HMAC-SHA256</c>) — through one pipeline, in the order of docs/SIGNING.md: parse → look
/// up key (through the <see cref="ICredentialCache"/>) → freshness → digest and signature (constant time) →
/// key/account status → reserve the nonce. Nothing is written to the nonce store for a request whose signature did
/// not verify.
/// </summary>
public sealed partial class SignatureAuthenticationHandler(
    IOptionsMonitor<SignatureAuthenticationOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ICredentialCache credentials,
    SigningSecrets secrets,
    INonceStore nonces,
    CredentialValidator validator,
    IOptions<SigningOptions> signingOptions,
    TimeProvider time,
    AuthenticationTelemetry telemetry,
    ReplayHorizon horizon,
    IReplayDeferral replayDeferral)
    : AuthenticationHandler<SignatureAuthenticationOptions>(options, logger, encoder)
{
    /// <summary>Stand-in secret verified against when the key is unknown, so unknown and wrong look alike in time too.</summary>
    private static readonly string DecoySecret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(40));

    private static readonly byte[] DecoyBytes = Encoding.UTF8.GetBytes(DecoySecret);

    private static readonly SigningSecret DecoySigningSecret = new(Encoding.UTF8.GetBytes(DecoySecret));

    private SigningOptions Signing => signingOptions.Value;

    /// <summary>
    /// How long a replay key is held: twice the clock skew (a signature is fresh for that long at most) plus one
    /// second, so no store's expiry rounding can free it while the signature is still fresh.
    /// </summary>
    private TimeSpan ReplayWindow => Signing.ClockSkew * 2 + TimeSpan.FromSeconds(1);

    /// <inheritdoc />
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var request = new HttpRequestSignable(Request);
        if (request.TryGetHeader(Rfc9421Constants.SignatureInputHeader, out _))
        {
            return telemetry.TrackAsync(Context, AuthSchemeNames.Rfc9421, () => AuthenticateRfc9421Async(request));
        }

        return SigV4Parser.Parse(request) is { Error: not (SigV4Error.MissingAuthorization or SigV4Error.NotSigV4) } sigv4
            ? telemetry.TrackAsync(Context, AuthSchemeNames.AwsSigV4, () => AuthenticateSigV4Async(request, sigv4))
            : Task.FromResult(AuthenticateResult.NoResult());
    }

    /// <inheritdoc />
    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => GatewayChallenge.WriteAsync(Context);

    private async Task<AuthenticateResult> AuthenticateRfc9421Async(HttpRequestSignable request)
    {
        var parsed = Rfc9421Parser.Parse(request);
        Rfc9421Signature? signature = null;
        var selection = parsed.Error != Rfc9421Error.None ? parsed.Error : parsed.TrySelect(null, out signature);
        if (selection != Rfc9421Error.None || signature is null)
        {
            return Failure(ErrorCodes.MalformedCredentials, $"The RFC 9421 signature headers are not usable: {Describe(selection)}.");
        }

        var hasBody = RequestBodyBuffer.HasBody(Request);
        var requirements = Rfc9421Requirements.Check(signature!, request, hasBody);
        if (requirements != Rfc9421Error.None)
        {
            return Failure(ErrorCodes.MalformedCredentials, RequirementDetail(requirements));
        }

        if (signature!.Algorithm is { } alg && alg != "hmac-sha256")
        {
            return Failure(ErrorCodes.MalformedCredentials, "Only alg=\"hmac-sha256\" is accepted.");
        }

        var keyId = signature.KeyId ?? "";
        var credential = await LookupAsync(keyId);
        if (credential.Failure is { } lookupFailure)
        {
            return lookupFailure;
        }

        var now = time.GetUtcNow();
        if (signature.CreatedAt is not { } created || (now - created).Duration() > Signing.ClockSkew)
        {
            return Failure(ErrorCodes.SignatureExpired, "The signature's created time is outside the allowed clock skew.");
        }

        if (signature.ExpiresAt is { } expires && expires <= now)
        {
            return Failure(ErrorCodes.SignatureExpired, "The signature has expired.");
        }

        var body = await ReadBodyAsync(hasBody);
        if (body is null)
        {
            return TooLarge();
        }

        // A covered digest is checked against the body actually received, an empty one included: otherwise the
        // body could be stripped from a signed request and the upstream would get a Content-Digest that lies.
        var bindsBody = hasBody || signature.Covers(Rfc9421Components.ContentDigest);
        if (bindsBody && ContentDigest.Verify(request, body) is var digest && digest != ContentDigestStatus.Valid)
        {
            return digest == ContentDigestStatus.Mismatch
                ? Failure(ErrorCodes.DigestMismatch, "The body does not match its Content-Digest.")
                : Failure(ErrorCodes.MalformedCredentials, "Content-Digest must carry a sha-256 or sha-512 digest of the body.");
        }

        var verified = Rfc9421Verifier.Verify(request, signature, credential.Secret?.Bytes ?? DecoyBytes) == Rfc9421Error.None;
        return await CompleteAsync(credential.Credential, verified, signature.Nonce!, AuthSchemeNames.Rfc9421, created);
    }

    private async Task<AuthenticateResult> AuthenticateSigV4Async(HttpRequestSignable request, SigV4ParseResult parsed)
    {
        if (!parsed.Succeeded)
        {
            return Failure(ErrorCodes.MalformedCredentials, $"The AWS SigV4 authorization is not usable: {Describe(parsed.Error)}.");
        }

        var scope = parsed.Authorization!.Credential;
        var sigv4 = Signing.SigV4;
        if (!sigv4.EffectiveRegions.Contains(scope.Region, StringComparer.Ordinal)
            || !sigv4.EffectiveServices.Contains(scope.Service, StringComparer.Ordinal))
        {
            return Failure(ErrorCodes.MalformedCredentials,
                $"The credential scope must name region {string.Join(" or ", sigv4.EffectiveRegions)} and service {string.Join(" or ", sigv4.EffectiveServices)}.");
        }

        var credential = await LookupAsync(scope.AccessKeyId);
        if (credential.Failure is { } lookupFailure)
        {
            return lookupFailure;
        }

        if ((time.GetUtcNow() - parsed.RequestTime!.Value).Duration() > Signing.ClockSkew)
        {
            return Failure(ErrorCodes.SignatureExpired, "X-Amz-Date is outside the allowed clock skew.");
        }

        var hasBody = RequestBodyBuffer.HasBody(Request);
        var sentHash = Request.Headers[SigV4Constants.ContentSha256Header].ToString();
        string payloadHash;
        if (sentHash == SigV4Constants.UnsignedPayload)
        {
            if (!RouteAllowsUnsignedPayload())
            {
                return Failure(ErrorCodes.MalformedCredentials, "UNSIGNED-PAYLOAD is not allowed on this route.");
            }

            payloadHash = sentHash;
        }
        else
        {
            var body = await ReadBodyAsync(hasBody);
            if (body is null)
            {
                return TooLarge();
            }

            if (sentHash.Length > 0 && !SigV4Payload.Matches(sentHash, body))
            {
                return Failure(ErrorCodes.DigestMismatch, "The body does not match X-Amz-Content-Sha256.");
            }

            payloadHash = sentHash.Length > 0 ? sentHash : SigV4Payload.ComputeHash(body);
        }

        // An unknown key verifies against the decoy's cached signing key: the same work as a known key's.
        var signingKey = (credential.Secret ?? DecoySigningSecret).SigV4SigningKey(scope.DateStamp, scope.Region, scope.Service);
        var verified = SigV4Verifier.VerifyWithSigningKey(request, parsed, payloadHash, signingKey, sigv4.PathMode) == SigV4Error.None;
        return await CompleteAsync(credential.Credential, verified, parsed.Authorization.SignatureHex, AuthSchemeNames.AwsSigV4, parsed.RequestTime!.Value);
    }

    private async Task<AuthenticateResult> CompleteAsync(Credential? credential, bool verified, string replayKey, string scheme, DateTimeOffset signedAt)
    {
        if (credential is null || !verified)
        {
            LogInvalid(Logger, credential?.Key.Id ?? "(unknown)", scheme);
            return Failure(ErrorCodes.InvalidCredentials, "The credentials are not valid.");
        }

        if (validator.Check(credential) is { } refused)
        {
            LogRefused(Logger, credential.Key.Id, refused.Code);
            return Failure(refused);
        }

        if (horizon.Refuses(signedAt))
        {
            // Embedded mode after a restart: an earlier process may have accepted this very request (ReplayHorizon).
            LogReplay(Logger, credential.Key.Id, scheme);
            return Failure(ErrorCodes.ReplayedRequest, "This request was signed before the gateway restarted and may have been accepted already; sign it afresh.");
        }

        if (replayDeferral.TryDefer(Context, credential, replayKey, scheme, ReplayWindow))
        {
            // The rate limiter reserves the nonce in its own Redis script (one round trip); it refuses a replay there.
            Context.Features.Set(new GatewayCredentialFeature(credential));
            return AuthenticateResult.Success(new AuthenticationTicket(validator.CreatePrincipal(credential, scheme, Scheme.Name), Scheme.Name));
        }

        bool fresh;
        try
        {
            fresh = await nonces.TryReserveAsync(credential.Key.Id, replayKey, ReplayWindow, Context.RequestAborted);
        }
        catch (NonceStoreUnavailableException ex)
        {
            LogNonceStoreUnavailable(Logger, ex, credential.Key.Id);
            return Failure(ErrorCodes.AuthUnavailable, "Replay protection is unavailable; signed requests are refused until it is back.");
        }

        if (!fresh)
        {
            LogReplay(Logger, credential.Key.Id, scheme);
            return Failure(ErrorCodes.ReplayedRequest, "This signed request was already received; sign every request afresh.");
        }

        Context.Features.Set(new GatewayCredentialFeature(credential));
        Context.Features.Set(new ReplayReservation(credential.Key.Id, replayKey, scheme));
        var principal = validator.CreatePrincipal(credential, scheme, Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    private async Task<Lookup> LookupAsync(string keyId)
    {
        if (!IdGenerator.IsValid(keyId, IdGenerator.KeyPrefix))
        {
            return new Lookup(null, null, null);
        }

        Credential? credential;
        try
        {
            credential = await credentials.FindAsync(keyId, Context.RequestAborted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogStoreUnavailable(Logger, ex, keyId);
            return new Lookup(null, null, Failure(ErrorCodes.AuthUnavailable, "The credential store is unavailable; try again shortly."));
        }

        if (credential is not { Key.Kind: KeyKind.Hmac } || !secrets.TryGet(credential, out var secret))
        {
            // An unknown key costs what a known one does: no decryption here (a known key's secret is cached with its
            // credential), and verification runs against the decoy below (no existence oracle, docs/SECURITY.md).
            if (credential is { Key.Kind: KeyKind.Hmac })
            {
                LogUndecryptable(Logger, keyId);
            }

            return new Lookup(null, null, null);
        }

        return new Lookup(credential, secret, null);
    }

    private Task<byte[]?> ReadBodyAsync(bool hasBody) =>
        hasBody ? RequestBodyBuffer.ReadAsync(Request, Signing.MaxBodyBytes, Context.RequestAborted) : Task.FromResult<byte[]?>([]);

    private bool RouteAllowsUnsignedPayload() =>
        Context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>()?.Config.Metadata is { } metadata
        && metadata.TryGetValue(RouteMetadataKeys.AllowUnsignedPayload, out var value)
        && bool.TryParse(value, out var allowed) && allowed;

    private AuthenticateResult TooLarge() =>
        Failure(ErrorCodes.PayloadTooLarge, $"Signed request bodies are limited to {Signing.MaxBodyBytes} bytes.");

    private AuthenticateResult Failure(string code, string detail) => Failure(new AuthenticationFailureFeature(code, detail));

    private AuthenticateResult Failure(AuthenticationFailureFeature failure)
    {
        Context.Features.Set(failure);
        return AuthenticateResult.Fail(failure.Code);
    }

    private static string RequirementDetail(Rfc9421Error error) => error switch
    {
        Rfc9421Error.MissingCreated => "The signature must carry the created parameter.",
        Rfc9421Error.MissingNonce => "The signature must carry the nonce parameter.",
        _ => "The signature must cover \"@method\", \"@authority\", \"@path\", \"@query\" (when there is a query) and \"content-digest\" (when there is a body).",
    };

    private static string Describe<T>(T error) where T : struct, Enum
    {
        var name = error.ToString();
        var builder = new StringBuilder(name.Length + 8);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    private readonly record struct Lookup(Credential? Credential, SigningSecret? Secret, AuthenticateResult? Failure);
}
