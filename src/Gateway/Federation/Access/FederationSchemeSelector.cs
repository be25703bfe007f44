using Gateway.Authentication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Gateway.Federation.Access;

/// <summary>
/// Sends <c>Authorization: Bearer gwf_…</c> to the federation handler by wrapping the gateway policy scheme's
/// selector (a post-configuration, so the gateway's own selector stays untouched); every other request goes where
/// it went before.
/// </summary>
public static class FederationSchemeSelector
{
    /// <summary>Wraps the selector of <paramref name="options"/>.</summary>
    public static void Wrap(PolicySchemeOptions options)
    {
        var inner = options.ForwardDefaultSelector;
        options.ForwardDefaultSelector = context => IsFederated(context) ? FederationDefaults.AuthenticationScheme : inner?.Invoke(context);
    }

    /// <summary>Whether the request carries one Authorization header with a federated access token.</summary>
    public static bool IsFederated(HttpContext context)
    {
        var authorization = context.Request.Headers[HeaderNames.Authorization];
        return authorization.Count == 1
            && authorization[0] is { Length: > 11 } value
            && value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && value.AsSpan(7).TrimStart().StartsWith(FederatedAccessTokens.Prefix, StringComparison.Ordinal)
            && !context.Request.Headers.ContainsKey(GatewayAuthenticationDefaults.ApiKeyHeader);
    }
}
