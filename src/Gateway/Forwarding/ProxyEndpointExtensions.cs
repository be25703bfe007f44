using Microsoft.AspNetCore.Builder;

namespace Gateway.Forwarding;

/// <summary>Maps the proxied routes.</summary>
public static class ProxyEndpointExtensions
{
    /// <summary>
    /// YARP's default proxy pipeline (session affinity, load balancing, passive health checks), with passive health
    /// checks behind <see cref="PassiveHealthCheckGate"/>: a cluster without them costs no state machine per request.
    /// </summary>
    public static WebApplication MapGatewayProxy(this WebApplication app)
    {
        app.MapReverseProxy(proxy =>
        {
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UseMiddleware<PassiveHealthCheckGate>();
        });
        return app;
    }
}
