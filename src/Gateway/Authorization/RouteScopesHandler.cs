using System.Runtime.CompilerServices;
using System.Security.Claims;
using Gateway.Authentication;
using Gateway.Configuration;
using Gateway.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Model;

namespace Gateway.Authorization;

/// <summary>Checks <see cref="RouteScopesRequirement"/> and names the first missing scope in the 403.</summary>
public sealed class RouteScopesHandler : AuthorizationHandler<RouteScopesRequirement>
{
    // A route's Gateway.RequiredScopes, split once per route configuration (a reload makes new RouteConfig objects,
    // and the table lets the old ones go with them): no per-request split of the metadata value.
    private static readonly ConditionalWeakTable<RouteConfig, string[]> Required = new();

    /// <inheritdoc />
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RouteScopesRequirement requirement)
    {
        if (context.Resource is not HttpContext http || context.User.Identity?.IsAuthenticated != true)
        {
            return Task.CompletedTask;
        }

        if (MissingScope(http, context.User) is { } scope)
        {
            context.Fail(new GatewayAuthorizationFailure(this, ErrorCodes.InsufficientScope,
                $"This route requires the scope '{scope}'."));
            return Task.CompletedTask;
        }

        context.Succeed(requirement);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The first scope the route requires that <paramref name="user"/>'s scope claims do not cover; <c>null</c> when
    /// none is missing (always when the route requires none). Reads the claims, so a claims transformation that added
    /// or removed scopes is honoured: ASP.NET Core's authorization path.
    /// </summary>
    public static string? MissingScope(HttpContext http, ClaimsPrincipal user) =>
        RequiredScopes(http) is { } required
            ? ScopeMatcher.FirstMissing(user.FindAll(GatewayClaimTypes.Scope).Select(c => c.Value).ToList(), required)
            : null;

    /// <summary>
    /// The first scope the route requires that <paramref name="caller"/>'s scopes do not cover; <c>null</c> when none
    /// is missing. For the proxy's access step, whose principal comes straight from the authenticator (no claims
    /// transformation runs there), so the caller's scopes are exactly its scope claims — read without making them
    /// (a cached principal makes its claims only when something reads them).
    /// </summary>
    public static string? MissingScope(HttpContext http, GatewayIdentity caller) =>
        RequiredScopes(http) is { } required ? ScopeMatcher.FirstMissing(caller.Scopes, required) : null;

    /// <summary>
    /// The scopes the request's route requires (<c>Gateway.RequiredScopes</c>, space-separated), split once per
    /// route configuration; <c>null</c> when it requires none.
    /// </summary>
    internal static string[]? RequiredScopes(HttpContext http)
    {
        var config = http.GetEndpoint()?.Metadata.GetMetadata<RouteModel>()?.Config;
        if (config?.Metadata is not { } metadata || !metadata.ContainsKey(RouteMetadataKeys.RequiredScopes))
        {
            return null;
        }

        return Required.GetValue(config, static c =>
            c.Metadata![RouteMetadataKeys.RequiredScopes].Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
