namespace Gateway.FunctionalTests.IdentityToken;

/// <summary>
/// Routes for the identity-token tests: <c>/id/**</c> (token, audience = cluster id <c>echo</c>), <c>/aud/**</c>
/// (token for <c>billing-api</c>), <c>/anon-id/**</c> (anonymous route with a token: never one for anonymous
/// callers), <c>/plain/**</c> (no token).
/// </summary>
public static class IdentityTokenRoutes
{
    public static string Json(Uri upstream) => $$"""
        {
          "ReverseProxy": {
            "Routes": {
              "id": { "ClusterId": "echo", "Match": { "Path": "/id/{**rest}" }, "Metadata": { "Gateway.IdentityToken": "true" } },
              "aud": { "ClusterId": "echo", "Match": { "Path": "/aud/{**rest}" }, "Metadata": { "Gateway.IdentityToken": "true", "Gateway.IdentityAudience": "billing-api" } },
              "anon-id": { "ClusterId": "echo", "AuthorizationPolicy": "Anonymous", "Match": { "Path": "/anon-id/{**rest}" }, "Metadata": { "Gateway.IdentityToken": "true" } },
              "plain": { "ClusterId": "echo", "Match": { "Path": "/plain/{**rest}" } }
            },
            "Clusters": {
              "echo": { "Destinations": { "upstream": { "Address": "{{upstream}}" } } }
            }
          }
        }
        """;
}
