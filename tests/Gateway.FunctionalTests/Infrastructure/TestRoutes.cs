namespace Gateway.FunctionalTests.Infrastructure;

/// <summary>The routes file the functional tests run with.</summary>
public static class TestRoutes
{
    /// <summary>
    /// <c>/echo/**</c> (authenticated, fallback policy), <c>/public/**</c> (anonymous), <c>/forward/**</c>
    /// (authenticated, forwards the caller's credentials), <c>/v1/**</c> (authenticated upstream API that shares its
    /// prefix with the admin API) and <c>/unsigned/**</c> (authenticated, accepts SigV4 <c>UNSIGNED-PAYLOAD</c>).
    /// </summary>
    public static string Json(Uri upstream) => $$"""
        {
          "ReverseProxy": {
            "Routes": {
              "echo": { "ClusterId": "echo", "Match": { "Path": "/echo/{**rest}" } },
              "public": { "ClusterId": "echo", "AuthorizationPolicy": "Anonymous", "Match": { "Path": "/public/{**rest}" } },
              "forward": { "ClusterId": "echo", "Match": { "Path": "/forward/{**rest}" }, "Metadata": { "Gateway.ForwardCredentials": "true" } },
              "api-v1": { "ClusterId": "echo", "Match": { "Path": "/v1/{**rest}" } },
              "unsigned": { "ClusterId": "echo", "Match": { "Path": "/unsigned/{**rest}" }, "Metadata": { "Gateway.AllowUnsignedPayload": "true" } }
            },
            "Clusters": {
              "echo": { "Destinations": { "upstream": { "Address": "{{upstream}}" } } }
            }
          }
        }
        """;
}
