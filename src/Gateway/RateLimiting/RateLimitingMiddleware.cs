using Gateway.Authentication;
using Gateway.Authentication.Signature;
using Gateway.Errors;
using Gateway.Replay;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Model;

namespace Gateway.RateLimiting;

/// <summary>
/// The rate-limit stage, after authentication and authorization, on proxied routes: builds the request's
/// <see cref="LimitPlan"/> from the cached credential and the route, asks the limiter, and answers 429
/// <c>rate_limited</c> / <c>quota_exceeded</c> with <c>Retry-After</c>, or lets the request through; either way with the
/// <c>RateLimit-Policy</c> / <c>RateLimit</c> fields when a limit applies. A signed request whose nonce reservation
/// was deferred to this stage (Redis mode) has it reserved here, in the same script: a replay is refused with 401
/// <c>replayed_request</c> as authentication would have.
/// </summary>
public sealed class RateLimitingMiddleware(
    RequestDelegate next, GatewayRateLimiter limiter, RateLimitMetrics metrics, RateLimitAuditSummary audit, TimeProvider time,
    SignatureSchemes schemes)
{
    /// <summary>
    /// Handles one request. Most requests have nothing to limit — no credential (an anonymous route), or a credential
    /// and route without any limit — and go on without a state machine of this stage's own; only a request with a
    /// limit or a deferred nonce waits for the limiter here.
    /// </summary>
    public Task InvokeAsync(HttpContext context)
    {
        var deferred = context.Features.Get<DeferredReplay>();
        if (context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>() is not { } route
            || context.Features.Get<GatewayCredentialFeature>() is not { } feature)
        {
            // A deferred nonce without both cannot happen (nonces are deferred only on limited routes), but never
            // admit an unreserved nonce.
            return deferred is null ? next(context) : RefuseUnreservedAsync(context);
        }

        var plan = new LimitPlan(feature.Credential, route.Config.RouteId, RouteRateLimits.For(route.Config));
        return plan.IsEmpty && deferred is null ? next(context) : LimitAsync(context, route, feature, plan, deferred);
    }

    private async Task LimitAsync(HttpContext context, RouteModel route, GatewayCredentialFeature feature, LimitPlan plan, DeferredReplay? deferred)
    {
        var decision = await limiter.DecideAsync(plan, deferred);
        metrics.Count(route.Config, decision.Outcome);
        switch (decision.Outcome)
        {
            case RateLimitOutcome.Replayed:
                context.Features.Set(new AuthenticationFailureFeature(ErrorCodes.ReplayedRequest,
                    "This signed request was already received; sign every request afresh."));
                await GatewayChallenge.WriteAsync(context);
                return;
            case RateLimitOutcome.Unavailable when deferred is not null:
                await RefuseUnreservedAsync(context);
                return;
            case RateLimitOutcome.Unavailable:
                context.Response.Headers.RetryAfter = "1";
                await ProblemWriter.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, ErrorCodes.RateLimitUnavailable,
                    "Rate limiting is unavailable; try again shortly.");
                return;
        }

        RateLimitHeaders.Apply(context.Response.Headers, decision, time.GetUtcNow());
        if (decision.Outcome != RateLimitOutcome.Admitted)
        {
            var account = feature.Credential.Account;
            audit.Record(account.Id, account.Name, decision.Outcome);
            context.Response.Headers.RetryAfter = Math.Max(1, decision.RetryAfterSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await (decision.Outcome == RateLimitOutcome.QuotaExceeded
                ? ProblemWriter.WriteAsync(context, StatusCodes.Status429TooManyRequests, ErrorCodes.QuotaExceeded,
                    $"The {(decision.Quota?.IsMonthly() == true ? "monthly" : "daily")} quota is used up; it resets at the start of the next UTC {(decision.Quota?.IsMonthly() == true ? "month" : "day")}.")
                : ProblemWriter.WriteAsync(context, StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited,
                    "Too many requests; retry after the time in Retry-After."));
            return;
        }

        await next(context);
        if (deferred is not null && ReplayReleaseMiddleware.IsRetryable(context.Request.Method, context.Response.StatusCode)
            && schemes.ReleasesReplayOnRetry(deferred.Scheme))
        {
            await limiter.ReleaseAsync(feature.Credential.Account.Id, deferred);
        }
    }

    private static Task RefuseUnreservedAsync(HttpContext context)
    {
        context.Features.Set(new AuthenticationFailureFeature(ErrorCodes.AuthUnavailable,
            "Replay protection is unavailable; signed requests are refused until it is back."));
        return GatewayChallenge.WriteAsync(context);
    }
}
