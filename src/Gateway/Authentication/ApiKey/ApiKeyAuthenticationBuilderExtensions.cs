namespace Gateway.Authentication.ApiKey;

/// <summary>Adds the bearer API key scheme (<c>Authorization: Bearer gwk_…</c> or <c>X-API-Key</c>).</summary>
public static class ApiKeyAuthenticationBuilderExtensions
{
    /// <summary>Adds the <see cref="GatewayAuthenticationDefaults.ApiKeyScheme"/> handler.</summary>
    public static GatewayAuthenticationBuilder AddApiKey(this GatewayAuthenticationBuilder builder)
    {
        builder.Authentication.AddScheme<ApiKeyAuthenticationOptions, ApiKeyAuthenticationHandler>(GatewayAuthenticationDefaults.ApiKeyScheme, null);
        return builder;
    }
}
