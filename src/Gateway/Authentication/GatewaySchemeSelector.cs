using Microsoft.AspNetCore.Http;

namespace Gateway.Authentication;

/// <summary>The policy scheme's choice: signed requests go to the signature handler, everything else to the API key handler.</summary>
public static class GatewaySchemeSelector
{
    /// <summary>The scheme that authenticates <paramref name="context"/>'s request.</summary>
    public static string Select(HttpContext context)
    {
        var headers = context.Request.Headers;
        if (headers.ContainsKey("Signature-Input"))
        {
            return GatewayAuthenticationDefaults.SignatureScheme;
        }

        var authorization = headers.Authorization;
        return authorization.Count == 1
            && authorization[0] is { } value
            && value.StartsWith(GatewayAuthenticationDefaults.SigV4AuthorizationPrefix, StringComparison.Ordinal)
            ? GatewayAuthenticationDefaults.SignatureScheme
            : GatewayAuthenticationDefaults.ApiKeyScheme;
    }
}
