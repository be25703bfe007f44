using System.Diagnostics;
using Gateway.Authentication;
using Gateway.Telemetry.TraceContext;
using Microsoft.AspNetCore.Http;

namespace Gateway.Audit;

/// <summary>Builds audit events from the request being handled: principal, key, client IP and trace id.</summary>
public sealed class AuditEventFactory(TimeProvider time)
{
    /// <summary>An event of <paramref name="kind"/> for the current request.</summary>
    public AuditEvent Create(HttpContext context, string kind, string action, string? target, int status, double? latencyMs = null) =>
        Create(context, GatewayIdentity.Of(context), kind, action, target, status, latencyMs);

    /// <summary>
    /// An event of <paramref name="kind"/> for the current request, made by <paramref name="identity"/> (already looked
    /// up). Its id and, when no activity carries the trace, its trace id are held as numbers (<see cref="AuditEvent"/>):
    /// no string is made for them here.
    /// </summary>
    public AuditEvent Create(HttpContext context, GatewayIdentity? identity, string kind, string action, string? target, int status, double? latencyMs = null)
    {
        var ms = time.GetUtcNow().ToUnixTimeMilliseconds();
        var activity = Activity.Current;
        var trace = activity is null ? RequestTraceContext.Of(context) : null;
        return new AuditEvent(AuditEventIds.NewValue(ms), activity?.TraceId.ToHexString(), trace?.TraceIdHigh ?? 0, trace?.TraceIdLow ?? 0)
        {
            Time = DateTimeOffset.FromUnixTimeMilliseconds(ms),
            Kind = kind,
            PrincipalId = identity?.PrincipalId,
            PrincipalName = identity?.Name,
            KeyId = identity?.KeyId,
            Action = action,
            Target = target,
            Outcome = status is >= 200 and < 400 ? "success" : "failure",
            Status = status,
            Method = context.Request.Method,
            LatencyMs = latencyMs,
            ClientIp = context.Connection.RemoteIpAddress is { } ip ? Authorization.CidrSet.NormalizedText(ip) : null,
        };
    }

    /// <summary>
    /// A successful event done by the gateway itself (kind and principal <c>system</c>, no request): a scheduled
    /// revocation, a leaked key revoked on a scanner's report. One clock read gives the id and the time.
    /// </summary>
    public static AuditEvent System(TimeProvider time, string action, string target, IReadOnlyDictionary<string, string> details)
    {
        var ms = time.GetUtcNow().ToUnixTimeMilliseconds();
        return new AuditEvent
        {
            Id = AuditEventIds.New(ms),
            Time = DateTimeOffset.FromUnixTimeMilliseconds(ms),
            Kind = AuditKinds.System,
            PrincipalName = AuditKinds.System,
            Action = action,
            Target = target,
            Outcome = "success",
            Status = 200,
            Details = details,
        };
    }
}
