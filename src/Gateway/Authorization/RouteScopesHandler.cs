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

        var metadata = http.GetEndpoint()?.Metadata.GetMetadata<RouteModel>()?.Config.Metadata;
        if (metadata?.TryGetValue(RouteMetadataKeys.RequiredScopes, out var required) == true)
        {
            var granted = context.User.FindAll(GatewayClaimTypes.Scope).Select(c => c.Value).ToList();
            foreach (var scope in required.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!ScopeMatcher.IsGranted(granted, scope))
                {
                    context.Fail(new GatewayAuthorizationFailure(this, ErrorCodes.InsufficientScope,
                        $"This route requires the scope '{scope}'."));
                    return Task.CompletedTask;
                }
            }
        }

        context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
