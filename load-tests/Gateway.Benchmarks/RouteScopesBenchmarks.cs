using System.Security.Claims;
using BenchmarkDotNet.Attributes;
using Gateway.Accounts;
using Gateway.Authentication;
using Gateway.Authorization;
using Gateway.Configuration;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Gateway.Benchmarks;

/// <summary>
/// The scope check of a route with <c>Gateway.RequiredScopes</c> for a cached principal (an <c>executor</c>, granted
/// <c>*:read *:execute</c>; the route requires <c>ci:read ci:execute</c>): <see cref="Claims"/> is ASP.NET Core's
/// authorization path (the principal's scope claims, made on the principal's first read and kept), <see cref="Caller"/>
/// the proxy's access step (the caller's scopes, no claims). <see cref="SplitRequired"/> is the per-request split of
/// the route's metadata the check made before it was kept per route configuration.
/// </summary>
[MemoryDiagnoser]
public class RouteScopesBenchmarks
{
    private const string Required = "ci:read ci:execute";
    private readonly DefaultHttpContext _http = new();
    private ClaimsPrincipal _principal = null!;
    private GatewayIdentity _caller = null!;

    /// <summary>A route requiring two scopes, and a principal granted both.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _principal = BenchmarkData.Principal(IdGenerator.NewKeyId());
        _caller = GatewayIdentity.From(_principal)!;
        var route = new RouteConfig
        {
            RouteId = "ci",
            ClusterId = "ci",
            Match = new RouteMatch { Path = "/ci/{**rest}" },
            Metadata = new Dictionary<string, string> { [RouteMetadataKeys.RequiredScopes] = Required },
        };
        var model = new RouteModel(route, cluster: null, HttpTransformer.Default);
        _http.SetEndpoint(new Endpoint(_ => Task.CompletedTask, new EndpointMetadataCollection(model), "ci"));
        if (RouteScopesHandler.MissingScope(_http, _caller) is not null || RouteScopesHandler.MissingScope(_http, _principal) is not null)
        {
            throw new InvalidOperationException("the principal must hold the route's scopes");
        }
    }

    /// <summary>The check through the principal's scope claims (ASP.NET Core's path).</summary>
    [Benchmark(Baseline = true)]
    public string? Claims() => RouteScopesHandler.MissingScope(_http, _principal);

    /// <summary>The check through the caller's scopes (the proxy's access step).</summary>
    [Benchmark]
    public string? Caller() => RouteScopesHandler.MissingScope(_http, _caller);

    /// <summary>The split of the route's required scopes the check made on every request before.</summary>
    [Benchmark]
    public string[] SplitRequired() => Required.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
