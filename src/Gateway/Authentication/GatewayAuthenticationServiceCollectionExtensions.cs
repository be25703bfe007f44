using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Authentication;

/// <summary>Registers the gateway's authentication: the policy scheme every endpoint uses and what the schemes share.</summary>
public static class GatewayAuthenticationServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <see cref="GatewayAuthenticationDefaults.PolicyScheme"/> (it forwards each request to the handler that fits:
    /// the API key handler unless a signature scheme recognises the request) and what the handlers share
    /// (<see cref="CredentialAuthenticator"/>, <see cref="AuthenticationChallenges"/>, <see cref="CredentialHeaderSet"/>,
    /// <see cref="MeteredSchemes"/>, <see cref="AuthenticationTelemetry"/>); chain the schemes on the result.
    /// </summary>
    public static GatewayAuthenticationBuilder AddGatewayAuthentication(this IServiceCollection services)
    {
        var authentication = services.AddAuthentication(GatewayAuthenticationDefaults.PolicyScheme)
            .AddPolicyScheme(GatewayAuthenticationDefaults.PolicyScheme, "Gateway", policy =>
                policy.ForwardDefaultSelector = static _ => GatewayAuthenticationDefaults.ApiKeyScheme);
        services.AddSingleton<CredentialValidator>();
        services.AddSingleton<CredentialAuthenticator>();
        services.AddSingleton<AuthenticationChallenges>();
        services.TryAddSingleton<CredentialHeaderSet>();
        services.TryAddSingleton<MeteredSchemes>();
        services.AddSingleton<AuthenticationTelemetry>();
        return new GatewayAuthenticationBuilder(authentication);
    }
}
