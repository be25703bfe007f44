using Gateway.Configuration;
using Gateway.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Gateway.Shutdown;

/// <summary>Registers the graceful drain: its options, the <c>/readyz</c> check and the host's shutdown budget.</summary>
public static class ShutdownRegistration
{
    /// <summary>Adds <c>Gateway:Shutdown</c> from <paramref name="configuration"/>.</summary>
    public static IServiceCollection AddGracefulShutdown(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGatewaySettingsSection<ShutdownOptions>("Shutdown");
        services.AddOptions<ShutdownOptions>().Bind(configuration.GetSection(ShutdownOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ShutdownOptions>, ShutdownOptionsValidator>();
        services.AddOptions<HostOptions>().Configure<IOptions<ShutdownOptions>>((host, shutdown) =>
            host.ShutdownTimeout = shutdown.Value.Total);
        services.AddSingleton<DrainState>();
        services.AddHostedService<GracefulDrain>();
        services.AddHealthChecks().AddCheck<DrainHealthCheck>("shutdown", tags: [HealthTags.Ready]);
        return services;
    }
}
