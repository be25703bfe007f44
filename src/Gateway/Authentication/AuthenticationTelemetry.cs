using System.Diagnostics;
using Gateway.Errors;
using Gateway.Telemetry;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace Gateway.Authentication;

/// <summary>
/// Wraps an authentication attempt in an <c>authenticate</c> span and records its outcome and latency. Attributes
/// carry the scheme, the outcome, and the principal and key ids — never a secret, token or signature. The instruments
/// of every registered scheme (<see cref="MeteredSchemes"/>) are bound once, here; an attempt finds its scheme's by a
/// scan of that short array (reference comparison first: callers pass the registered name), without allocating.
/// </summary>
public sealed class AuthenticationTelemetry(GatewayMetrics metrics, MeteredSchemes schemes)
{
    private readonly SchemeInstruments[] _schemes = [.. schemes.All.Select(s => new SchemeInstruments(metrics, s.Name, s.RejectsReplays))];

    /// <summary>
    /// Runs <paramref name="authenticate"/> for <paramref name="scheme"/> (attempts without any credential are not
    /// counted), without a closure, and without a state machine or task when it completes synchronously (a
    /// credential-cache hit): a <see cref="SharedSuccessResult"/> is then answered with its own completed task.
    /// </summary>
    public Task<AuthenticateResult> Track<TState>(HttpContext context, string scheme, TState state, Func<HttpContext, TState, ValueTask<AuthenticateResult>> authenticate)
    {
        var previous = Activity.Current;
        var attempt = Start(scheme);
        var pending = authenticate(context, state);
        if (!pending.IsCompletedSuccessfully)
        {
            if (attempt.Activity is not null)
            {
                // The span stays current for the authentication still running (it captured it), not for the caller.
                Activity.Current = previous;
            }

            return CompleteAsync(context, attempt, pending);
        }

        AuthenticateResult result;
        try
        {
            result = Record(context, attempt, pending.Result);
        }
        finally
        {
            attempt.Dispose();
        }

        return SharedSuccessResult.TaskOf(result);
    }

    private async Task<AuthenticateResult> CompleteAsync(HttpContext context, AuthenticationAttempt attempt, ValueTask<AuthenticateResult> pending)
    {
        try
        {
            return Record(context, attempt, await pending);
        }
        finally
        {
            attempt.Dispose();
        }
    }

    /// <summary>
    /// Starts an attempt for <paramref name="scheme"/> (its span becomes current) for a caller that records it itself,
    /// inside its own single async method — no second async layer: it returns <see cref="Record"/>'s answer and disposes
    /// the attempt (<c>using</c>). Start it inside that async method, so that the span is current only there.
    /// </summary>
    public static AuthenticationAttempt Start(string scheme)
    {
        var activity = GatewayTelemetry.Source.StartActivity(GatewayTelemetry.AuthenticateSpan, ActivityKind.Internal);
        activity?.SetTag(GatewayTelemetry.SchemeAttribute, scheme);
        return new AuthenticationAttempt(scheme, activity, Stopwatch.GetTimestamp());
    }

    /// <summary>Records the outcome of <paramref name="attempt"/> (attempts without any credential are not counted) and returns <paramref name="result"/>.</summary>
    public AuthenticateResult Record(HttpContext context, AuthenticationAttempt attempt, AuthenticateResult result)
    {
        var activity = attempt.Activity;
        if (result.None)
        {
            activity?.SetTag(GatewayTelemetry.OutcomeAttribute, ErrorCodes.MissingCredentials);
            return result;
        }

        var instruments = For(attempt.Scheme);
        instruments.Duration.Observe(Stopwatch.GetElapsedTime(attempt.Started).TotalSeconds);
        if (result.Succeeded)
        {
            instruments.Succeeded.Inc();
            if (activity is not null && GatewayIdentity.From(result.Principal!) is { } identity)
            {
                activity.SetTag(GatewayTelemetry.OutcomeAttribute, "success");
                activity.SetTag(GatewayTelemetry.PrincipalAttribute, identity.PrincipalId);
                activity.SetTag(GatewayTelemetry.KeyAttribute, identity.KeyId);
            }

            return result;
        }

        var code = context.Features.Get<AuthenticationFailureFeature>()?.Code ?? ErrorCodes.InvalidCredentials;
        instruments.Failed(code).Inc();
        if (code == ErrorCodes.ReplayedRequest)
        {
            instruments.Replayed?.Inc();
        }

        activity?.SetTag(GatewayTelemetry.OutcomeAttribute, code);
        activity?.SetStatus(ActivityStatusCode.Error, code);
        return result;
    }

    private SchemeInstruments For(string scheme)
    {
        foreach (var bound in _schemes)
        {
            if (ReferenceEquals(bound.Scheme, scheme) || string.Equals(bound.Scheme, scheme, StringComparison.Ordinal))
            {
                return bound;
            }
        }

        // A scheme that did not register its MeteredScheme: counted, but bound per attempt.
        return new SchemeInstruments(metrics, scheme, rejectsReplays: true);
    }
}
