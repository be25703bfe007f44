using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace Gateway.Authentication.ApiKey;

/// <summary>Adds the bearer API key scheme (<c>Authorization: Bearer gwk_…</c> or <c>X-API-Key</c>).</summary>
public static class ApiKeyAuthenticationBuilderExtensions
{
    /// <summary>The challenge advertising bearer keys.</summary>
    public const string Challenge = "Bearer realm=\"gateway\"";

    /// <summary>Adds the <see cref="GatewayAuthenticationDefaults.ApiKeyScheme"/> handler, its challenge, its credential headers and its metric label.</summary>
    public static GatewayAuthenticationBuilder AddApiKey(this GatewayAuthenticationBuilder builder)
    {
        builder.Services.AddSingleton(new AuthenticationChallenge(Challenge));
        builder.Services.AddCredentialHeaders(HeaderNames.Authorization, GatewayAuthenticationDefaults.ApiKeyHeader);
        builder.Services.AddSingleton(new MeteredScheme(AuthSchemeNames.ApiKey, RejectsReplays: false));
        builder.Services.AddSingleton<ApiKeyAuthenticator>();
        builder.Authentication.AddScheme<ApiKeyAuthenticationOptions, ApiKeyAuthenticationHandler>(GatewayAuthenticationDefaults.ApiKeyScheme, null);
        return builder;
    }
}
