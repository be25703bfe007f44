namespace Gateway.FunctionalTests.Authorization;

/// <summary>Routes exercising route scopes and org/project boundaries.</summary>
public static class PolicyRoutes
{
    public static string Json(Uri upstream, string scopedScopes = "builds:read builds:execute") => $$"""
        {
          "ReverseProxy": {
            "Routes": {
              "echo": { "ClusterId": "echo", "Match": { "Path": "/echo/{**rest}" } },
              "scoped": { "ClusterId": "echo", "Match": { "Path": "/scoped/{**rest}" },
                          "Metadata": { "Gateway.RequiredScopes": "{{scopedScopes}}" } },
              "project": { "ClusterId": "echo", "Match": { "Path": "/projects/{project}/{**rest}" },
                           "Metadata": { "Gateway.ProjectRouteValue": "project" } },
              "org-project": { "ClusterId": "echo", "Match": { "Path": "/orgs/{org}/projects/{project}/{**rest}" },
                               "Metadata": { "Gateway.OrgRouteValue": "org", "Gateway.ProjectRouteValue": "project" } }
            },
            "Clusters": {
              "echo": { "Destinations": { "upstream": { "Address": "{{upstream}}" } } }
            }
          }
        }
        """;
}
