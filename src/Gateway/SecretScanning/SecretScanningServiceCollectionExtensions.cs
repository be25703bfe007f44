using Gateway.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gateway.SecretScanning;

/// <summary>Registration of the GitHub secret-scanning endpoint's services and settings.</summary>
public static class SecretScanningServiceCollectionExtensions
{
    /// <summary>Binds <c>Gateway:SecretScanning</c> (validated at start-up) and adds the endpoint's services.</summary>
    public static IServiceCollection AddGatewaySecretScanning(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGatewaySettingsSection<SecretScanningOptions>("SecretScanning");
        services.AddOptions<SecretScanningOptions>().Bind(configuration.GetSection(SecretScanningOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SecretScanningOptions>, SecretScanningOptionsValidator>();
        services.AddSingleton<GitHubPublicKeys>();
        services.AddSingleton<SecretScanningRateLimiter>();
        services.AddSingleton<SecretScanningMetrics>();
        services.AddSingleton<LeakedKeyRevoker>();
        return services;
    }
}
