using Gateway.Authorization;
using Gateway.Configuration;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Gateway.Tests.Authorization;

public sealed class RouteMetadataValidatorTests
{
    private static IList<Exception> Validate(string path, Dictionary<string, string> metadata)
    {
        var context = new TransformRouteValidationContext
        {
            Services = null!,
            Route = new RouteConfig { RouteId = "r1", ClusterId = "c", Match = new RouteMatch { Path = path }, Metadata = metadata },
        };
        new RouteMetadataValidator().ValidateRoute(context);
        return context.Errors;
    }

    [Fact]
    public void KnownKeys_WithGoodValues_AreAccepted()
    {
        var errors = Validate("/orgs/{org}/projects/{project:regex(^[a-z]+$)}/{**rest}", new()
        {
            [RouteMetadataKeys.RequiredScopes] = "builds:read  builds:*",
            [RouteMetadataKeys.ForwardCredentials] = "false",
            [RouteMetadataKeys.AllowUnsignedPayload] = "True",
            [RouteMetadataKeys.OrgRouteValue] = "org",
            [RouteMetadataKeys.ProjectRouteValue] = "project",
        });
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("Gateway.RequiredScope", "builds:read")]
    [InlineData("RequiredScopes", "builds:read")]
    [InlineData(RouteMetadataKeys.RequiredScopes, "")]
    [InlineData(RouteMetadataKeys.RequiredScopes, "builds")]
    [InlineData(RouteMetadataKeys.RequiredScopes, "a:b:c")]
    [InlineData(RouteMetadataKeys.ForwardCredentials, "yes")]
    [InlineData(RouteMetadataKeys.AllowUnsignedPayload, "1")]
    [InlineData(RouteMetadataKeys.ProjectRouteValue, "tenant")]
    [InlineData(RouteMetadataKeys.OrgRouteValue, "")]
    public void BadEntry_IsAnErrorNamingTheRoute(string key, string value)
    {
        var errors = Validate("/projects/{project}/{**rest}", new() { [key] = value });
        var error = Assert.Single(errors);
        Assert.Contains("'r1'", error.Message);
        Assert.Contains(key, error.Message);
    }
}
