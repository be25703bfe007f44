using Gateway.Accounts;
using Gateway.Authentication;
using Gateway.Authorization;
using Gateway.Configuration;
using Gateway.Tests.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Gateway.Tests.Authorization;

public sealed class RouteScopesHandlerTests
{
    private readonly CredentialValidator _validator = new(TestRoles.BuiltInOnly(), new FakeTimeProvider(Samples.T0));

    [Fact]
    public void MissingScope_OfTheCaller_AnswersAsTheClaimsDo_WithoutMakingThem()
    {
        // The built-in "reader" role grants *:read; the route asks for a read and then a write.
        var principal = Principal(["reader"]);
        var identity = Assert.IsType<GatewayClaimsIdentity>(principal.Identity);
        var readOnly = Request("ci:read");
        var readWrite = Request("ci:read  ci:write");

        Assert.Null(RouteScopesHandler.MissingScope(readOnly, principal.Caller!));
        Assert.Equal("ci:write", RouteScopesHandler.MissingScope(readWrite, principal.Caller!));
        Assert.False(identity.ClaimsMade); // the proxy's access step reads the caller, not the claims

        // ASP.NET Core's path reads the claims (a claims transformation may have changed them): the same answers.
        Assert.Null(RouteScopesHandler.MissingScope(readOnly, principal));
        Assert.Equal("ci:write", RouteScopesHandler.MissingScope(readWrite, principal));
        Assert.True(identity.ClaimsMade);
    }

    [Fact]
    public void MissingScope_OnARouteWithoutRequiredScopes_IsNull()
    {
        var principal = Principal(["reader"]);

        Assert.Null(RouteScopesHandler.MissingScope(Request(requiredScopes: null), principal.Caller!));
        Assert.Null(RouteScopesHandler.MissingScope(Request(requiredScopes: null), principal));
        Assert.Null(RouteScopesHandler.MissingScope(new DefaultHttpContext(), principal.Caller!)); // no endpoint at all
    }

    [Fact]
    public void RequiredScopes_AreSplitOncePerRouteConfiguration_AndAgainForAReloadedOne()
    {
        var route = Route("ci:read ci:write");
        var first = RouteScopesHandler.RequiredScopes(Request(route));

        Assert.NotNull(first);
        Assert.Equal(["ci:read", "ci:write"], first);
        Assert.Same(first, RouteScopesHandler.RequiredScopes(Request(route)));

        // A reload makes a new RouteConfig (here with other scopes): its own split, not the old one's.
        var reloaded = RouteScopesHandler.RequiredScopes(Request(route with { Metadata = Metadata("ci:execute") }));
        Assert.NotNull(reloaded);
        Assert.Equal(["ci:execute"], reloaded);
    }

    private GatewayPrincipal Principal(IReadOnlyList<string> roles)
    {
        var account = Samples.Account(name: "deploy-bot", orgId: "acme", roles: roles, createdAt: Samples.T0.AddDays(-1));
        var credential = new Credential(Samples.Key(account.Id, createdAt: Samples.T0.AddDays(-1)), account);
        return Assert.IsType<GatewayPrincipal>(_validator.CreatePrincipal(credential, AuthSchemeNames.ApiKey, "ApiKey"));
    }

    private static HttpContext Request(string? requiredScopes) => Request(Route(requiredScopes));

    private static HttpContext Request(RouteConfig route)
    {
        var context = new DefaultHttpContext();
        var model = new RouteModel(route, cluster: null, HttpTransformer.Default);
        context.SetEndpoint(new Endpoint(_ => Task.CompletedTask, new EndpointMetadataCollection(model), "route"));
        return context;
    }

    private static RouteConfig Route(string? requiredScopes) =>
        new() { RouteId = "ci", ClusterId = "ci", Match = new RouteMatch { Path = "/ci/{**rest}" }, Metadata = Metadata(requiredScopes) };

    private static Dictionary<string, string>? Metadata(string? requiredScopes) =>
        requiredScopes is null ? null : new() { [RouteMetadataKeys.RequiredScopes] = requiredScopes };
}
