using Gateway.Authentication;
using Gateway.Configuration;
using Gateway.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Model;

namespace Gateway.Authorization;

/// <summary>Checks <see cref="RouteScopesRequirement"/> and names the first missing scope in the 403.</summary>
public sealed class RouteScopesHandler : AuthorizationHandler<RouteScopesRequirement>
{
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
    /// The first scope the route requires that <paramref name="user"/>'s scopes do not cover; <c>null</c> when none
    /// is missing (always when the route requires none).
    /// </summary>
    public static string? MissingScope(HttpContext http, System.Security.Claims.ClaimsPrincipal user)
    {
        var metadata = http.GetEndpoint()?.Metadata.GetMetadata<RouteModel>()?.Config.Metadata;
        if (metadata?.TryGetValue(RouteMetadataKeys.RequiredScopes, out var required) != true)
        {
            return null;
        }

        var scopes = user.FindAll(GatewayClaimTypes.Scope).Select(c => c.Value).ToList();
        foreach (var scope in required!.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!ScopeMatcher.IsGranted(scopes, scope))
            {
                return scope;
            }
        }

        return null;
    }
}
