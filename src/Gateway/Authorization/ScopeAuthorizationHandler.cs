using Gateway.Authentication;
using Gateway.Errors;
using Microsoft.AspNetCore.Authorization;

namespace Gateway.Authorization;

/// <summary>Checks <see cref="ScopeRequirement"/> against the principal's <see cref="GatewayClaimTypes.Scope"/> claims.</summary>
public sealed class ScopeAuthorizationHandler : AuthorizationHandler<ScopeRequirement>
{
    /// <inheritdoc />
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated != true)
        {
            return Task.CompletedTask;
        }

        var granted = context.User.FindAll(GatewayClaimTypes.Scope).Select(c => c.Value).ToList();
        if (ScopeMatcher.FirstMissing(granted, requirement.Scopes) is { } scope)
        {
            context.Fail(new GatewayAuthorizationFailure(this, ErrorCodes.InsufficientScope,
                $"This call requires the scope '{scope}'."));
            return Task.CompletedTask;
        }

        context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
