using System.Diagnostics;
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
    ILogger<SignatureAuthenticationHandler> logger,
    ILogger<ReplayReleaseMiddleware> releaseLogger)
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
        var started = Start(context);
        return started.Decided is { } decided ? SharedSuccessResult.TaskOf(decided)
            : started.Checking ?? ReserveAsync(context, started.Pending);
    }

    /// <summary>
    /// Authenticates the request as <see cref="AuthenticateAsync"/> does, then runs <paramref name="then"/> with the
    /// outcome (the proxy's access step: the rest of the pipeline). When the request waits for the nonce store — every
    /// signed request in Redis mode — one state machine waits for the answer and runs <paramref name="then"/>, instead
    /// of one here and another in the caller awaiting this method's task.
    /// </summary>
    public Task AuthenticateThenAsync(HttpContext context, Func<HttpContext, AuthenticateResult, Task> then)
    {
        var started = Start(context);
        return started.Decided is { } decided ? then(context, decided)
            : started.Checking is { } checking ? ThenAsync(context, checking, then)
            : ReserveThenAsync(context, started.Pending, then);
    }

    private Started Start(HttpContext context)
    {
        var request = new SignatureRequest(context, new HttpRequestSignable(context.Request), Signing);
        foreach (var scheme in schemes.All)
        {
            var parsed = scheme.Parse(request);
            if (parsed.Matched)
            {
                return Authenticate(context, scheme, request, parsed);
            }
        }

        return new Started(AuthenticateResult.NoResult());
    }

    /// <summary>
    /// Runs the checks (<see cref="CheckAsync"/>) and starts the nonce reservation under one counted and traced
    /// attempt. Not an <c>async</c> method: the checks nearly always complete synchronously (a credential-cache hit, no
    /// body to read), so the one real wait — Redis answering the reservation — is left to the caller's small
    /// <see cref="ReserveAsync"/> or <see cref="ReserveThenAsync"/>, whose state machine holds only what the answer
    /// needs (not the parse, the request and the proof), and a synchronous outcome completes without any state
    /// machine or task of its own.
    /// </summary>
    private Started Authenticate(HttpContext context, ISignatureScheme scheme, SignatureRequest request, SignatureParse parsed)
    {
        var previous = Activity.Current;
        var attempt = AuthenticationTelemetry.Start(scheme.Name);
        var checking = CheckAsync(context, scheme, request, parsed);
        if (!checking.IsCompletedSuccessfully)
        {
            RestoreCurrent(attempt, previous);
            return new Started(CheckThenReserveAsync(context, scheme, attempt, parsed.ReplayKey, checking));
        }

        var check = checking.Result;
        if (check.Result is { } decided)
        {
            return new Started(Finish(context, attempt, decided));
        }

        ValueTask<bool> reserving;
        try
        {
            reserving = nonces.TryReserveAsync(check.Credential!.Key.Id, parsed.ReplayKey, ReplayWindow, context.RequestAborted);
        }
        catch (NonceStoreUnavailableException ex)
        {
            return new Started(Finish(context, attempt, Unavailable(context, ex, check.Credential!)));
        }
        catch
        {
            attempt.Dispose();
            throw;
        }

        if (reserving.IsCompletedSuccessfully)
        {
            return new Started(Finish(context, attempt, Reserved(context, scheme, check.Credential, parsed.ReplayKey, reserving.Result)));
        }

        RestoreCurrent(attempt, previous);
        return new Started(new PendingReservation(scheme, attempt, check.Credential, parsed.ReplayKey, reserving));
    }

    /// <summary>The span stays current for the authentication still running (it captured it), not for the caller.</summary>
    private static void RestoreCurrent(AuthenticationAttempt attempt, Activity? previous)
    {
        if (attempt.Activity is not null)
        {
            Activity.Current = previous;
        }
    }

    private AuthenticateResult Finish(HttpContext context, AuthenticationAttempt attempt, AuthenticateResult result)
    {
        try
        {
            return telemetry.Record(context, attempt, result);
        }
        finally
        {
            attempt.Dispose();
        }
    }

    /// <summary>Waits for the nonce store's answer (the common suspension of a signed request), then records the attempt.</summary>
    private async Task<AuthenticateResult> ReserveAsync(HttpContext context, PendingReservation pending)
    {
        try
        {
            AuthenticateResult result;
            try
            {
                result = Reserved(context, pending.Scheme, pending.Credential, pending.ReplayKey, await pending.Reserving);
            }
            catch (NonceStoreUnavailableException ex)
            {
                result = Unavailable(context, ex, pending.Credential);
            }

            return telemetry.Record(context, pending.Attempt, result);
        }
        finally
        {
            pending.Attempt.Dispose();
        }
    }

    /// <summary>
    /// <see cref="ReserveAsync"/>, then <paramref name="then"/> with the outcome (the attempt closed first, so its span
    /// is not current for the rest of the pipeline): one state machine for both. A releasable reservation (an
    /// idempotent SigV4 request) is released here afterwards, as <see cref="ReplayReleaseMiddleware"/> would have —
    /// and only when the request reached that stage — so the stage needs no state machine of its own.
    /// </summary>
    private async Task ReserveThenAsync(HttpContext context, PendingReservation pending, Func<HttpContext, AuthenticateResult, Task> then)
    {
        AuthenticateResult result;
        try
        {
            try
            {
                result = Reserved(context, pending.Scheme, pending.Credential, pending.ReplayKey, await pending.Reserving, releasedHere: true);
            }
            catch (NonceStoreUnavailableException ex)
            {
                result = Unavailable(context, ex, pending.Credential);
            }

            result = telemetry.Record(context, pending.Attempt, result);
        }
        finally
        {
            pending.Attempt.Dispose();
        }

        await then(context, result);
        if (ReferenceEquals(context.Features.Get<ReplayReservation>(), ReplayReservation.ReleaseStageReached))
        {
            await ReplayReleaseMiddleware.ReleaseIfRetryableAsync(context, nonces, releaseLogger, pending.Credential.Key.Id, pending.ReplayKey);
        }
    }

    /// <summary>The rare path of <see cref="AuthenticateThenAsync"/>: a check went asynchronous.</summary>
    private static async Task ThenAsync(HttpContext context, Task<AuthenticateResult> authentication, Func<HttpContext, AuthenticateResult, Task> then) =>
        await then(context, await authentication);

    /// <summary>The rare path: a check went asynchronous (a credential-store miss, a body to read).</summary>
    private async Task<AuthenticateResult> CheckThenReserveAsync(HttpContext context, ISignatureScheme scheme, AuthenticationAttempt attempt,
        ReadOnlyMemory<char> replayKey, ValueTask<Check> checking)
    {
        try
        {
            var check = await checking;
            AuthenticateResult result;
            if (check.Result is { } decided)
            {
                result = decided;
            }
            else
            {
                try
                {
                    var fresh = await nonces.TryReserveAsync(check.Credential!.Key.Id, replayKey, ReplayWindow, context.RequestAborted);
                    result = Reserved(context, scheme, check.Credential, replayKey, fresh);
                }
                catch (NonceStoreUnavailableException ex)
                {
                    result = Unavailable(context, ex, check.Credential!);
                }
            }

            return telemetry.Record(context, attempt, result);
        }
        finally
        {
            attempt.Dispose();
        }
    }

    /// <summary>
    /// Every check before the nonce reservation, in the order of docs/SIGNING.md: the outcome when one decides
    /// (a failure, or success when the rate limiter takes the reservation over), else the credential whose nonce is
    /// to be reserved. Counted and traced by the caller.
    /// </summary>
    private async ValueTask<Check> CheckAsync(HttpContext context, ISignatureScheme scheme, SignatureRequest request, SignatureParse parsed)
    {
        if (parsed.Failure is { } malformed)
        {
            return new Check(CredentialAuthenticator.Fail(context, malformed));
        }

        var (credential, secret, lookupFailure) = await LookupAsync(context, parsed.KeyId);
        if (lookupFailure is not null)
        {
            return new Check(lookupFailure);
        }

        var now = time.GetUtcNow();
        if (parsed.SignedAt is not { } signedAt || (now - signedAt).Duration() > Signing.ClockSkew)
        {
            return new Check(CredentialAuthenticator.Fail(context, ErrorCodes.SignatureExpired, parsed.StaleDetail));
        }

        if (parsed.ExpiresAt is { } expires && expires <= now)
        {
            return new Check(CredentialAuthenticator.Fail(context, ErrorCodes.SignatureExpired, "The signature has expired."));
        }

        // An unknown key verifies against the decoy (and its cached SigV4 signing key): the same work as a known key's.
        var proof = await scheme.VerifyAsync(request, parsed, secret ?? DecoySigningSecret);
        if (proof.Failure is { } unbound)
        {
            return new Check(CredentialAuthenticator.Fail(context, unbound));
        }

        if (credential is null || !proof.Verified)
        {
            LogInvalid(logger, credential?.Key.Id ?? "(unknown)", scheme.Name);
            return new Check(CredentialAuthenticator.Fail(context, ErrorCodes.InvalidCredentials, "The credentials are not valid."));
        }

        if (authenticator.Refuse(context, credential, scheme.Name) is { } refused)
        {
            return new Check(refused);
        }

        if (horizon.Refuses(signedAt))
        {
            // Embedded mode after a restart: an earlier process may have accepted this very request (ReplayHorizon).
            LogReplay(logger, credential.Key.Id, scheme.Name);
            return new Check(CredentialAuthenticator.Fail(context, ErrorCodes.ReplayedRequest,
                "This request was signed before the gateway restarted and may have been accepted already; sign it afresh."));
        }

        if (replayDeferral.TryDefer(context, credential, parsed.ReplayKey, scheme.Name, ReplayWindow))
        {
            // The rate limiter reserves the nonce in its own Redis script (one round trip); it refuses a replay there.
            return new Check(authenticator.Succeed(context, credential, scheme.Name, GatewayAuthenticationDefaults.SignatureScheme));
        }

        return new Check(credential);
    }

    /// <summary>
    /// The outcome of a reservation: success when <paramref name="fresh"/>, else a replay. A releasable reservation is
    /// recorded for the release stage, or marked <see cref="ReplayReservation.ReleasedByAuthentication"/> when
    /// <paramref name="releasedHere"/> (the caller releases it after the rest of the pipeline).
    /// </summary>
    private AuthenticateResult Reserved(HttpContext context, ISignatureScheme scheme, Credential credential, ReadOnlyMemory<char> replayKey, bool fresh,
        bool releasedHere = false)
    {
        if (!fresh)
        {
            LogReplay(logger, credential.Key.Id, scheme.Name);
            return CredentialAuthenticator.Fail(context, ErrorCodes.ReplayedRequest,
                "This signed request was already received; sign every request afresh.");
        }

        if (scheme.ReleasesReplayOnRetry && ReplayReleaseMiddleware.IsIdempotent(context.Request.Method))
        {
            // Only a reservation that can be released is recorded (no feature to set on every other signed request).
            context.Features.Set(releasedHere
                ? ReplayReservation.ReleasedByAuthentication
                : new ReplayReservation(credential.Key.Id, replayKey, scheme.Name, ReleasableOnRetry: true));
        }

        return authenticator.Succeed(context, credential, scheme.Name, GatewayAuthenticationDefaults.SignatureScheme);
    }

    private AuthenticateResult Unavailable(HttpContext context, NonceStoreUnavailableException exception, Credential credential)
    {
        LogNonceStoreUnavailable(logger, exception, credential.Key.Id);
        return CredentialAuthenticator.Fail(context, ErrorCodes.AuthUnavailable,
            "Replay protection is unavailable; signed requests are refused until it is back.");
    }

    /// <summary>
    /// The key's credential and unsealed secret. Not <c>async</c>: a cache hit (the usual case) is looked up by the
    /// header's characters, without a key-id string; only a miss makes one for the store.
    /// </summary>
    private ValueTask<Lookup> LookupAsync(HttpContext context, ReadOnlyMemory<char> keyId)
    {
        if (!IdGenerator.IsValid(keyId.Span, IdGenerator.KeyPrefix))
        {
            return default;
        }

        return authenticator.TryFindCached(keyId.Span, out var cached)
            ? ValueTask.FromResult(Unseal(cached))
            : LoadAsync(context, keyId.ToString());
    }

    private async ValueTask<Lookup> LoadAsync(HttpContext context, string keyId)
    {
        var found = await authenticator.FindAsync(context, keyId);
        return found.Failure is not null ? new Lookup(null, null, found.Failure) : Unseal(found.Credential);
    }

    private Lookup Unseal(Credential? credential)
    {
        if (credential is not { Key.Kind: KeyKind.Hmac } || !secrets.TryGet(credential, out var secret))
        {
            // An unknown key costs what a known one does: no decryption here (a known key's secret is cached with its
            // credential), and verification runs against the decoy (no existence oracle, docs/SECURITY.md).
            if (credential is { Key.Kind: KeyKind.Hmac })
            {
                LogUndecryptable(logger, credential.Key.Id);
            }

            return default;
        }

        return new Lookup(credential, secret, null);
    }

    /// <summary>A nonce reservation the store has not answered yet, with what its outcome needs.</summary>
    private readonly record struct PendingReservation(ISignatureScheme Scheme, AuthenticationAttempt Attempt, Credential Credential,
        ReadOnlyMemory<char> ReplayKey, ValueTask<bool> Reserving);

    /// <summary>
    /// How far <see cref="Start"/> got synchronously: the outcome (recorded), the rare asynchronous check, or a
    /// reservation waiting for the store.
    /// </summary>
    private readonly struct Started
    {
        public Started(AuthenticateResult decided) => Decided = decided;

        public Started(Task<AuthenticateResult> checking) => Checking = checking;

        public Started(PendingReservation pending) => Pending = pending;

        public AuthenticateResult? Decided { get; }

        public Task<AuthenticateResult>? Checking { get; }

        public PendingReservation Pending { get; }
    }

    private readonly record struct Lookup(Credential? Credential, SigningSecret? Secret, AuthenticateResult? Failure);

    /// <summary>What <see cref="CheckAsync"/> decided: an outcome, or the verified credential whose nonce is to be reserved.</summary>
    private readonly struct Check
    {
        public Check(AuthenticateResult result) => Result = result;

        public Check(Credential credential) => Credential = credential;

        public AuthenticateResult? Result { get; }

        public Credential? Credential { get; }
    }
}
