using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Authentication;

/// <summary>Registers the gateway's authentication: the policy scheme every endpoint uses and what the schemes share.</summary>
public static class GatewayAuthenticationServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <see cref="GatewayAuthenticationDefaults.PolicyScheme"/> (it forwards each request to the scheme that fits,
    /// <see cref="GatewaySchemeSelector"/>) and the shared <see cref="CredentialValidator"/>; chain the schemes on the result.
    /// </summary>
    public static GatewayAuthenticationBuilder AddGatewayAuthentication(this IServiceCollection services)
    {
        var authentication = services.AddAuthentication(GatewayAuthenticationDefaults.PolicyScheme)
            .AddPolicyScheme(GatewayAuthenticationDefaults.PolicyScheme, "Gateway", policy =>
                policy.ForwardDefaultSelector = GatewaySchemeSelector.Select);
        services.AddSingleton<CredentialValidator>();
        return new GatewayAuthenticationBuilder(authentication);
    }
}
