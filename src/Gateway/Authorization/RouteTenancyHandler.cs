using Gateway.Authentication;
using Gateway.Configuration;
using Gateway.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Model;

namespace Gateway.Authorization;

/// <summary>
/// Checks <see cref="RouteTenancyRequirement"/>: a project account is admitted only to its own project, an org
/// account to every project of its org; when the route names the org, it must be the account's org.
/// </summary>
public sealed class RouteTenancyHandler : AuthorizationHandler<RouteTenancyRequirement>
{
    /// <inheritdoc />
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RouteTenancyRequirement requirement)
    {
        if (context.Resource is not HttpContext http || http.Features.Get<GatewayCredentialFeature>() is not { } feature)
        {
            return Task.CompletedTask;
        }

        if (Denial(http, feature.Credential.Account) is { } detail)
        {
            Deny(context, detail);
            return Task.CompletedTask;
        }

        context.Succeed(requirement);
        return Task.CompletedTask;
    }

    /// <summary>Why the route's org/project values refuse <paramref name="account"/>; <c>null</c> when they admit it.</summary>
    public static string? Denial(HttpContext http, Accounts.ServiceAccount account)
    {
        var metadata = http.GetEndpoint()?.Metadata.GetMetadata<RouteModel>()?.Config.Metadata;
        if (metadata?.TryGetValue(RouteMetadataKeys.OrgRouteValue, out var orgValue) == true
            && !string.Equals(RouteValue(http, orgValue), account.OrgId, StringComparison.Ordinal))
        {
            return "This account may not act on that org.";
        }

        if (metadata?.TryGetValue(RouteMetadataKeys.ProjectRouteValue, out var projectValue) == true)
        {
            var project = RouteValue(http, projectValue);
            if (project is null || (account.ProjectId is not null && !string.Equals(project, account.ProjectId, StringComparison.Ordinal)))
            {
                return "This account may not act on that project.";
            }
        }

        return null;
    }

    private void Deny(AuthorizationHandlerContext context, string detail) =>
        context.Fail(new GatewayAuthorizationFailure(this, ErrorCodes.ProjectNotAllowed, detail));

    private static string? RouteValue(HttpContext http, string name) =>
        http.Request.RouteValues.TryGetValue(name, out var value) ? value?.ToString() : null;
}
