using Gateway.Authentication;
using Gateway.Listeners;
using Gateway.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gateway.Forwarding;

/// <summary><c>GET /.gateway/whoami</c> on the proxy listener: the caller's identity as the upstream would see it.</summary>
public static class WhoAmIEndpoint
{
    /// <summary>The path of the endpoint.</summary>
    public const string Path = "/.gateway/whoami";

    /// <summary>Maps the endpoint; it requires an authenticated caller.</summary>
    public static IEndpointConventionBuilder MapWhoAmI(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, (HttpContext context) => Results.Json(GatewayIdentity.Of(context), GatewayJson.Options))
            .RequireAuthorization()
            .WithMetadata(new ListenerMetadata(ListenerNames.Proxy));
}
