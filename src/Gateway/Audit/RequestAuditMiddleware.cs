using System.Diagnostics;
using Gateway.Authentication;
using Gateway.Errors;
using Gateway.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Model;

namespace Gateway.Audit;

/// <summary>
/// Around every proxied request: counts it by route and outcome, measures it, and when a service account made it
/// (also when it was then refused with 403) counts the key's use and, as <see cref="AuditOptions.RequestDetail"/>
/// says, queues an audit event. Never waits on the audit store.
/// </summary>
public sealed class RequestAuditMiddleware(
    RequestDelegate next, GatewayMetrics metrics, AuditWriter writer, AuditEventFactory events, ILogger<ErrorHandlingMiddleware> errors)
{
    /// <summary>
    /// Handles one request. On a proxied route this frame, which waits for the request anyway, also applies the error
    /// policy (<see cref="ErrorPolicyApplied"/>) after counting the request as before — one state machine per proxied
    /// request instead of two.
    /// </summary>
    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>() is not { } route)
        {
            return next(context);
        }

        context.Features.Set(ErrorPolicyApplied.Instance);
        return AuditAsync(context, route);
    }

    private async Task AuditAsync(HttpContext context, RouteModel route)
    {
        var started = Stopwatch.GetTimestamp();
        Exception? failure = null;
        try
        {
            await next(context);
        }
        catch (Exception ex)
        {
            failure = ex;
        }

        try
        {
            Record(context, route, started);
        }
        catch (Exception ex)
        {
            failure = ex; // as from a finally block: the later exception is the one answered
        }

        if (failure is not null)
        {
            await ErrorHandlingMiddleware.HandleAsync(context, failure, errors);
        }
    }

    private void Record(HttpContext context, RouteModel route, long started)
    {
        var elapsed = Stopwatch.GetElapsedTime(started);
        var routeId = route.Config.RouteId;
        var status = context.Response.StatusCode;
        var instruments = RouteInstruments.For(metrics, route);
        instruments.Outcome(status).Inc();
        instruments.Duration.Observe(elapsed.TotalSeconds);
        if (GatewayIdentity.Of(context) is { } identity)
        {
            var denied = status is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden;
            var auditEvent = writer.RequestDetail == RequestAuditDetail.All || (denied && writer.RequestDetail == RequestAuditDetail.Denied)
                ? events.Create(context, identity, AuditKinds.Request, AuditActions.ProxyRequest, routeId, status, elapsed.TotalMilliseconds)
                : null;
            if (identity.KeyId.Length > 0)
            {
                // lastUsedAt is the audited event's time when there is one, so the two always agree.
                writer.RecordUsage(identity.KeyId, denied, auditEvent?.Time);
            }

            if (auditEvent is not null)
            {
                writer.TryEnqueue(auditEvent);
            }
        }
    }
}
