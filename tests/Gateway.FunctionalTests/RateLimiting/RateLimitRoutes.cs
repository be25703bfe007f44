namespace Gateway.FunctionalTests.RateLimiting;

/// <summary>
/// The standard test routes plus <c>/ceiling/**</c> (route ceiling 3/min per account) and <c>/defaulted/**</c> (route
/// default 2/min for accounts without a rate of their own).
/// </summary>
public static class RateLimitRoutes
{
    public static string Json(Uri upstream) => $$"""
        {
          "ReverseProxy": {
            "Routes": {
              "echo": { "ClusterId": "echo", "Match": { "Path": "/echo/{**rest}" } },
              "public": { "ClusterId": "echo", "AuthorizationPolicy": "Anonymous", "Match": { "Path": "/public/{**rest}" } },
              "ceiling": { "ClusterId": "echo", "Match": { "Path": "/ceiling/{**rest}" }, "Metadata": { "Gateway.RateLimit.Ceiling": "3/min" } },
              "defaulted": { "ClusterId": "echo", "Match": { "Path": "/defaulted/{**rest}" }, "Metadata": { "Gateway.RateLimit.Default": "2/min" } }
            },
            "Clusters": {
              "echo": { "Destinations": { "upstream": { "Address": "{{upstream}}" } } }
            }
          }
        }
        """;
}
