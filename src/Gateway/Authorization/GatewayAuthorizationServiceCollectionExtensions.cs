using Gateway.Accounts.Roles;
using Gateway.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Authorization;

/// <summary>Registers the gateway's authorization: the default and fallback policies, the scope policies, roles and handlers.</summary>
public static class GatewayAuthorizationServiceCollectionExtensions
{
    /// <summary>
    /// Every endpoint needs an authenticated caller that passes the account's IP allowlist, the route's tenancy and the
    /// route's scopes; the admin API's scopes are named policies. Adds the role registry the policies resolve roles with.
    /// </summary>
    public static IServiceCollection AddGatewayAuthorization(this IServiceCollection services)
    {
        services.AddAuthorization(authorization =>
        {
            var authenticated = new AuthorizationPolicyBuilder(GatewayAuthenticationDefaults.PolicyScheme)
                .RequireAuthenticatedUser()
                .AddRequirements(AccessRequirements.All)
                .Build();
            authorization.DefaultPolicy = authenticated;
            authorization.FallbackPolicy = authenticated;
            foreach (var scope in new[] { GatewayScopes.AccountsRead, GatewayScopes.AccountsWrite, GatewayScopes.AuditRead })
            {
                authorization.AddPolicy(scope, policy => policy
                    .AddAuthenticationSchemes(GatewayAuthenticationDefaults.PolicyScheme)
                    .RequireAuthenticatedUser()
                    .AddRequirements(AccessRequirements.All)
                    .AddRequirements(new ScopeRequirement([scope])));
            }
        });
        services.AddSingleton<IAuthorizationHandler, IpAllowlistHandler>();
        services.AddSingleton<IAuthorizationHandler, RouteTenancyHandler>();
        services.AddSingleton<IAuthorizationHandler, RouteScopesHandler>();
        services.AddSingleton<IAuthorizationHandler, ScopeAuthorizationHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, GatewayAuthorizationResultHandler>();
        services.AddSingleton<RoleRegistry>();
        services.AddSingleton<IRoleResolver>(provider => provider.GetRequiredService<RoleRegistry>());
        return services;
    }
}
