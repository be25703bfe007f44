using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace Gateway.Forwarding;

/// <summary>
/// YARP's passive health checks, run only for a cluster that enables them (<c>HealthCheck:Passive:Enabled</c>). YARP's
/// own middleware awaits every proxied request to look at the cluster's settings afterwards — one async state machine
/// per request for nothing on the usual cluster without passive checks. The cluster is known before the request is
/// forwarded (the proxy pipeline's first step sets it), so the decision is taken up front; a cluster that enables them
/// gets YARP's middleware unchanged.
/// </summary>
public sealed class PassiveHealthCheckGate(RequestDelegate next, IEnumerable<IPassiveHealthCheckPolicy> policies)
{
    private readonly PassiveHealthCheckMiddleware _passive = new(next, policies);

    /// <summary>Handles one proxied request.</summary>
    public Task InvokeAsync(HttpContext context) =>
        context.Features.Get<IReverseProxyFeature>()?.Cluster.Config.HealthCheck?.Passive?.Enabled == true
            ? _passive.Invoke(context)
            : next(context);
}
