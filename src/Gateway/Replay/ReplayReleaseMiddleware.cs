using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Gateway.Replay;

/// <summary>
/// Lets an AWS SDK retry through. SigV4 SDKs sign a request once and resend the very same bytes on a retry (after a
/// 503, a timeout, a reset), which replay protection would refuse — and SDKs do not retry a 401. So when an
/// <b>idempotent</b> SigV4 request (GET, HEAD, OPTIONS, PUT, DELETE) got no real upstream answer — the forward failed
/// or the upstream answered 502, 503 or 504 — its reservation is released and the same signature is accepted once
/// more. Non-idempotent methods and RFC 9421 (whose clients sign each attempt with a fresh nonce) stay strict.
/// Against a captured request replayed by a third party this adds nothing it could use: the replay is accepted only
/// while every earlier attempt failed, at most until one succeeds, within the freshness window, and repeats an
/// operation that is idempotent. Cost: one feature lookup per request (the feature is set only on idempotent SigV4
/// requests); one store call only on such a failure — never a second round trip on success. A signed request whose
/// nonce Redis answered asynchronously is released by the signature authenticator, which waits around the rest of the
/// pipeline anyway: this stage then only marks that the request reached it
/// (<see cref="ReplayReservation.ReleasedByAuthentication"/>), with no state machine of its own.
/// </summary>
public sealed partial class ReplayReleaseMiddleware(RequestDelegate next, INonceStore nonces, ILogger<ReplayReleaseMiddleware> logger)
{
    /// <summary>
    /// Runs the rest of the pipeline, then releases a retryable reservation. The reservation is known before the rest
    /// runs (authentication, in front of this stage, is the only one that records it; a nonce deferred to the rate
    /// limiter is released there): every other request — anonymous, bearer, RFC 9421, non-idempotent — goes on
    /// without a state machine of this stage's own.
    /// </summary>
    public Task InvokeAsync(HttpContext context)
    {
        var reservation = context.Features.Get<ReplayReservation>();
        if (ReferenceEquals(reservation, ReplayReservation.ReleasedByAuthentication))
        {
            // The authenticator releases after the rest of the pipeline; it only needs to know the request got here.
            context.Features.Set(ReplayReservation.ReleaseStageReached);
            return next(context);
        }

        return reservation is { ReleasableOnRetry: true } ? InvokeAndReleaseAsync(context, reservation) : next(context);
    }

    /// <summary>
    /// Releases the reservation of (<paramref name="keyId"/>, <paramref name="replayKey"/>) when the request, which has
    /// run through this stage, is idempotent and got no real upstream answer; what this stage does after the rest of
    /// the pipeline, for the authenticator that waits around it (<see cref="ReplayReservation.ReleasedByAuthentication"/>).
    /// </summary>
    internal static Task ReleaseIfRetryableAsync(HttpContext context, INonceStore nonces, ILogger<ReplayReleaseMiddleware> logger,
        string keyId, ReadOnlyMemory<char> replayKey) =>
        IsRetryable(context.Request.Method, context.Response.StatusCode)
            ? ReleaseAsync(nonces, logger, keyId, replayKey, context.Response.StatusCode)
            : Task.CompletedTask;

    private async Task InvokeAndReleaseAsync(HttpContext context, ReplayReservation reservation)
    {
        await next(context);
        await ReleaseIfRetryableAsync(context, nonces, logger, reservation.KeyId, reservation.ReplayKey);
    }

    private static async Task ReleaseAsync(INonceStore nonces, ILogger logger, string keyId, ReadOnlyMemory<char> replayKey, int status)
    {
        try
        {
            await nonces.ReleaseAsync(keyId, replayKey.ToString(), CancellationToken.None);
            LogReleased(logger, keyId, status);
        }
        catch (NonceStoreUnavailableException ex)
        {
            // The reservation stands: the retry is refused, never wrongly accepted.
            LogReleaseFailed(logger, ex, keyId);
        }
    }

    /// <summary><c>true</c> for an idempotent method whose answer was not the upstream's own (502, 503, 504).</summary>
    public static bool IsRetryable(string method, int status) =>
        status is StatusCodes.Status502BadGateway or StatusCodes.Status503ServiceUnavailable or StatusCodes.Status504GatewayTimeout
        && IsIdempotent(method);

    /// <summary><c>true</c> for the idempotent methods whose reservation may be released: GET, HEAD, OPTIONS, PUT, DELETE.</summary>
    public static bool IsIdempotent(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method)
        || HttpMethods.IsPut(method) || HttpMethods.IsDelete(method);

    [LoggerMessage(EventId = EventIds.Replay.ReservationReleased, Level = LogLevel.Debug,
        Message = "Released the replay reservation of an idempotent SigV4 request of key {KeyId} after {Status}: a retry of it is accepted once")]
    private static partial void LogReleased(ILogger logger, string keyId, int status);

    [LoggerMessage(EventId = EventIds.Replay.ReservationReleaseFailed, Level = LogLevel.Warning,
        Message = "Could not release the replay reservation of key {KeyId}; a retry of that request will be refused")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, string keyId);
}
