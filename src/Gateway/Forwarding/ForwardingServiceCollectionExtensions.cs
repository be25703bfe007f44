using Gateway.Authentication;
using Gateway.Authorization;
using Gateway.Observability;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace Gateway.Forwarding;

/// <summary>Registers forwarding: YARP with the routes file's <c>ReverseProxy</c> section, the route checks and the identity transform.</summary>
public static class ForwardingServiceCollectionExtensions
{
    /// <summary>Adds the reverse proxy (routes from <c>ReverseProxy</c>) and <c>Gateway:TrustedProxies</c>.</summary>
    public static IServiceCollection AddGatewayForwarding(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TrustedProxiesOptions>().Configure(options =>
            options.Proxies = configuration.GetSection(TrustedProxiesOptions.Key).Get<List<string>>() ?? []);
        if (!TracingSetup.Exporting(configuration))
        {
            // No HttpClient diagnostics handler on the upstream client when no span is exported; IdentityTransform
            // writes traceparent itself (docs/PERFORMANCE.md). Registered before YARP's own (TryAdd) factory.
            services.AddSingleton<IForwarderHttpClientFactory, UntracedForwarderHttpClientFactory>();
        }

        // The credential headers to strip: whatever the registered schemes declared (empty when none is registered).
        services.TryAddSingleton<CredentialHeaderSet>();
        services.AddReverseProxy()
            .LoadFromConfig(configuration.GetSection("ReverseProxy"))
            .AddTransforms<RouteMetadataValidator>()
            .AddTransforms<IdentityTransformProvider>();
        return services;
    }

    /// <summary>
    /// Establishes the client IP from <c>X-Forwarded-For</c> — only with trusted proxies configured: with empty proxy
    /// lists the framework would believe <c>X-Forwarded-For</c> from anyone.
    /// </summary>
    public static WebApplication UseGatewayClientAddress(this WebApplication app)
    {
        var proxies = app.Services.GetRequiredService<IOptions<TrustedProxiesOptions>>().Value.Proxies;
        if (proxies.Count > 0)
        {
            app.UseForwardedHeaders(ClientAddressOptions.Create(proxies));
        }

        return app;
    }
}
