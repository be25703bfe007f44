using System.Security.Cryptography;
using System.Text;
using Gateway.Accounts;
using Gateway.Errors;
using Gateway.Replay;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gateway.Authentication.Signature;

/// <summary>
/// Authenticates signed requests of every registered <see cref="ISignatureScheme"/> (RFC 9421, AWS SigV4) through one
/// pipeline, in the order of docs/SIGNING.md: parse → look up key (through the <see cref="ICredentialCache"/>) →
/// freshness → digest and signature (constant time) → key/account status → reserve the nonce (or hand it to the
/// <see cref="IReplayDeferral"/>). Nothing is written to the nonce store for a request whose signature did not verify.
/// What the <see cref="SignatureAuthenticationHandler"/> runs, and what the proxy's own access step runs without the
/// handler machinery; a singleton: it keeps no request state.
/// </summary>
public sealed partial class SignatureAuthenticator(
    SignatureSchemes schemes,
    CredentialAuthenticator authenticator,
    SigningSecrets secrets,
    INonceStore nonces,
    IOptions<SigningOptions> signingOptions,
    TimeProvider time,
    AuthenticationTelemetry telemetry,
    ReplayHorizon horizon,
    IReplayDeferral replayDeferral,
    ILogger<SignatureAuthenticationHandler> logger)
{
    /// <summary>Stand-in secret verified against when the key is unknown, so unknown and wrong look alike in time too.</summary>
    private static readonly SigningSecret DecoySigningSecret =
        new(Encoding.UTF8.GetBytes(Convert.ToBase64String(RandomNumberGenerator.GetBytes(40))));

    private SigningOptions Signing => signingOptions.Value;

    /// <summary>
    /// How long a replay key is held: twice the clock skew (a signature is fresh for that long at most) plus one
    /// second, so no store's expiry rounding can free it while the signature is still fresh.
    /// </summary>
    private TimeSpan ReplayWindow => Signing.ClockSkew * 2 + TimeSpan.FromSeconds(1);

    /// <summary>
    /// Authenticates the request, counted and traced under the signature scheme that recognised it
    /// (<see cref="AuthenticateResult.NoResult"/> when none does); a failure is recorded on the request for the
    /// challenge to write.
    /// </summary>
    public Task<AuthenticateResult> AuthenticateAsync(HttpContext context)
    {
        var request = new SignatureRequest(context, new HttpRequestSignable(context.Request), Signing);
        foreach (var scheme in schemes.All)
        {
            var parsed = scheme.Parse(request);
            if (parsed.Matched)
            {
                // One async layer: the attempt is counted and traced inside AuthenticateAsync itself (no telemetry
                // wrapper, no closure); a synchronous outcome completes without a task of its own on success.
                var pending = AuthenticateAsync(context, scheme, request, parsed);
                if (!pending.IsCompletedSuccessfully)
                {
                    return pending.AsTask();
                }

                return SharedSuccessResult.TaskOf(pending.Result);
            }
        }

        return Task.FromResult(AuthenticateResult.NoResult());
    }

    private async ValueTask<AuthenticateResult> AuthenticateAsync(HttpContext context, ISignatureScheme scheme, SignatureRequest request, SignatureParse parsed)
    {
        // Counted and traced here, in this one async method (the span is current only inside it).
        using var attempt = AuthenticationTelemetry.Start(scheme.Name);
        if (parsed.Failure is { } malformed)
        {
            return telemetry.Record(context, attempt, CredentialAuthenticator.Fail(context, malformed));
        }

        var (credential, secret, lookupFailure) = await LookupAsync(context, parsed.KeyId);
        if (lookupFailure is not null)
        {
            return telemetry.Record(context, attempt, lookupFailure);
        }

        var now = time.GetUtcNow();
        if (parsed.SignedAt is not { } signedAt || (now - signedAt).Duration() > Signing.ClockSkew)
        {
            return telemetry.Record(context, attempt,
                CredentialAuthenticator.Fail(context, ErrorCodes.SignatureExpired, parsed.StaleDetail));
        }

        if (parsed.ExpiresAt is { } expires && expires <= now)
        {
            return telemetry.Record(context, attempt,
                CredentialAuthenticator.Fail(context, ErrorCodes.SignatureExpired, "The signature has expired."));
        }

        // An unknown key verifies against the decoy (and its cached SigV4 signing key): the same work as a known key's.
        var proof = await scheme.VerifyAsync(request, parsed, secret ?? DecoySigningSecret);
        if (proof.Failure is { } unbound)
        {
            return telemetry.Record(context, attempt, CredentialAuthenticator.Fail(context, unbound));
        }

        // Completed in this same method, not a further async one: the nonce reservation below is the one real wait.
        if (credential is null || !proof.Verified)
        {
            LogInvalid(logger, credential?.Key.Id ?? "(unknown)", scheme.Name);
            return telemetry.Record(context, attempt,
                CredentialAuthenticator.Fail(context, ErrorCodes.InvalidCredentials, "The credentials are not valid."));
        }

        if (authenticator.Refuse(context, credential, scheme.Name) is { } refused)
        {
            return telemetry.Record(context, attempt, refused);
        }

        if (horizon.Refuses(signedAt))
        {
            // Embedded mode after a restart: an earlier process may have accepted this very request (ReplayHorizon).
            LogReplay(logger, credential.Key.Id, scheme.Name);
            return telemetry.Record(context, attempt, CredentialAuthenticator.Fail(context, ErrorCodes.ReplayedRequest,
                "This request was signed before the gateway restarted and may have been accepted already; sign it afresh."));
        }

        if (replayDeferral.TryDefer(context, credential, parsed.ReplayKey, scheme.Name, ReplayWindow))
        {
            // The rate limiter reserves the nonce in its own Redis script (one round trip); it refuses a replay there.
            return telemetry.Record(context, attempt,
                authenticator.Succeed(context, credential, scheme.Name, GatewayAuthenticationDefaults.SignatureScheme));
        }

        bool fresh;
        try
        {
            fresh = await nonces.TryReserveAsync(credential.Key.Id, parsed.ReplayKey, ReplayWindow, context.RequestAborted);
        }
        catch (NonceStoreUnavailableException ex)
        {
            LogNonceStoreUnavailable(logger, ex, credential.Key.Id);
            return telemetry.Record(context, attempt, CredentialAuthenticator.Fail(context, ErrorCodes.AuthUnavailable,
                "Replay protection is unavailable; signed requests are refused until it is back."));
        }

        if (!fresh)
        {
            LogReplay(logger, credential.Key.Id, scheme.Name);
            return telemetry.Record(context, attempt, CredentialAuthenticator.Fail(context, ErrorCodes.ReplayedRequest,
                "This signed request was already received; sign every request afresh."));
        }

        if (scheme.ReleasesReplayOnRetry && ReplayReleaseMiddleware.IsIdempotent(context.Request.Method))
        {
            // Only a reservation that can be released is recorded (no feature to set on every other signed request).
            context.Features.Set(new ReplayReservation(credential.Key.Id, parsed.ReplayKey, scheme.Name, ReleasableOnRetry: true));
        }

        return telemetry.Record(context, attempt,
            authenticator.Succeed(context, credential, scheme.Name, GatewayAuthenticationDefaults.SignatureScheme));
    }

    private async ValueTask<Lookup> LookupAsync(HttpContext context, string keyId)
    {
        if (!IdGenerator.IsValid(keyId, IdGenerator.KeyPrefix))
        {
            return default;
        }

        var found = await authenticator.FindAsync(context, keyId);
        if (found.Failure is not null)
        {
            return new Lookup(null, null, found.Failure);
        }

        var credential = found.Credential;
        if (credential is not { Key.Kind: KeyKind.Hmac } || !secrets.TryGet(credential, out var secret))
        {
            // An unknown key costs what a known one does: no decryption here (a known key's secret is cached with its
            // credential), and verification runs against the decoy (no existence oracle, docs/SECURITY.md).
            if (credential is { Key.Kind: KeyKind.Hmac })
            {
                LogUndecryptable(logger, keyId);
            }

            return default;
        }

        return new Lookup(credential, secret, null);
    }

    private readonly record struct Lookup(Credential? Credential, SigningSecret? Secret, AuthenticateResult? Failure);
}
