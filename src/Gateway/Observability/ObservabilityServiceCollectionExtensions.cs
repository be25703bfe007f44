using Gateway.Listeners;
using Gateway.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Prometheus;

namespace Gateway.Observability;

/// <summary>Registers observability: the metrics registry, tracing, statistics and the store's readiness check.</summary>
public static class ObservabilityServiceCollectionExtensions
{
    /// <summary>Adds <c>Gateway:Metrics</c>, the gateway's metrics, tracing (when exported) and the <c>/readyz</c> store check.</summary>
    public static IServiceCollection AddGatewayObservability(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MetricsOptions>().Bind(configuration.GetSection(MetricsOptions.SectionName));
        services.AddSingleton(_ => MetricsSetup.Create());
        services.AddTracing(configuration);
        services.AddHostedService<StatisticsRefresher>();
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", tags: [HealthEndpoints.ReadyTag]);
        return services;
    }

    /// <summary>
    /// Maps <c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c> on the status listener, bridges the chosen .NET meters and
    /// the credential cache's counters, and creates every labelled series at zero.
    /// </summary>
    public static WebApplication MapGatewayObservability(this WebApplication app)
    {
        var metrics = app.Services.GetRequiredService<GatewayMetrics>();
        app.MapGatewayHealth();
        app.MapMetrics("/metrics", metrics.Registry).WithMetadata(new ListenerMetadata(ListenerNames.Status)).AllowAnonymous();
        MetricsSetup.ListenToMeters(app, metrics, app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value);
        MetricsSetup.ObserveCredentialCache(app, metrics);
        MetricsInitialization.Initialize(app, metrics);
        return app;
    }
}
