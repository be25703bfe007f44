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
/// requests); one store call only on such a failure — never a second round trip on success.
/// </summary>
public sealed partial class ReplayReleaseMiddleware(RequestDelegate next, INonceStore nonces, ILogger<ReplayReleaseMiddleware> logger)
{
    /// <summary>
    /// Runs the rest of the pipeline, then releases a retryable reservation. The reservation is known before the rest
    /// runs (authentication, in front of this stage, is the only one that records it; a nonce deferred to the rate
    /// limiter is released there): every other request — anonymous, bearer, RFC 9421, non-idempotent — goes on
    /// without a state machine of this stage's own.
    /// </summary>
    public Task InvokeAsync(HttpContext context) =>
        context.Features.Get<ReplayReservation>() is { ReleasableOnRetry: true } reservation
            ? InvokeAndReleaseAsync(context, reservation)
            : next(context);

    private async Task InvokeAndReleaseAsync(HttpContext context, ReplayReservation reservation)
    {
        await next(context);
        if (!IsRetryable(context.Request.Method, context.Response.StatusCode))
        {
            return;
        }

        try
        {
            await nonces.ReleaseAsync(reservation.KeyId, reservation.ReplayKey.ToString(), CancellationToken.None);
            LogReleased(logger, reservation.KeyId, context.Response.StatusCode);
        }
        catch (NonceStoreUnavailableException ex)
        {
            // The reservation stands: the retry is refused, never wrongly accepted.
            LogReleaseFailed(logger, ex, reservation.KeyId);
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
