using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Gateway.Audit;

/// <summary>Marks admin endpoints as audited changes.</summary>
public static class AuditEndpointExtensions
{
    /// <summary>Audits the endpoint under <paramref name="action"/>; the target is the route value <paramref name="targetRouteValue"/>, or the created resource.</summary>
    public static RouteHandlerBuilder Audited(this RouteHandlerBuilder builder, string action, string? targetRouteValue = null) =>
        builder.WithMetadata(new AdminAuditAttribute(action, targetRouteValue)).AddEndpointFilter<AdminAuditFilter>();
}
