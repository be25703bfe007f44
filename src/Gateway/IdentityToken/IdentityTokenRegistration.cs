using Gateway.Accounts.Secrets;
using Gateway.Hosting;
using Gateway.Hosting.Startup;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Gateway.IdentityToken;

/// <summary>Registers the identity token: options, key store (file or Redis), key ring, token cache and route transform.</summary>
public static class IdentityTokenRegistration
{
    /// <summary>
    /// Adds the feature. Call after <c>AddReverseProxy()</c> so the transform runs after the identity headers are
    /// cleaned (it also removes a caller's <c>X-Gateway-Identity</c> itself).
    /// </summary>
    public static IServiceCollection AddGatewayIdentityToken(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGatewaySettingsSection<IdentityTokenOptions>("IdentityToken");
        services.AddOptions<IdentityTokenOptions>().Bind(configuration.GetSection(IdentityTokenOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IdentityTokenOptions>, IdentityTokenOptionsValidator>();
        services.AddSingleton<IIdentityKeyStore>(provider =>
        {
            var gateway = provider.GetRequiredService<IOptions<GatewayOptions>>().Value;
            return gateway.Store.IsRedis
                ? new RedisIdentityKeyStore(provider.GetRequiredService<IConnectionMultiplexer>(), gateway.Redis.KeyPrefix)
                : new FileIdentityKeyStore(Path.Combine(Path.GetFullPath(gateway.DataDirectory), FileIdentityKeyStore.FileName));
        });
        services.AddSingleton(provider => new IdentityKeyDocument(provider.GetRequiredService<SecretProtector>()));
        services.AddSingleton<IdentityKeyRing>();
        services.AddHostedService<IdentityKeyRefresher>();
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<IdentityTokenOptions>>().Value;
            var gateway = provider.GetRequiredService<IOptions<GatewayOptions>>().Value;
            return new IdentityTokenIssuer(ResolveIssuer(options, gateway), options.Lifetime);
        });
        services.AddSingleton<IdentityTokenCache>();
        services.AddSingleton<ITransformProvider, IdentityTokenTransformProvider>();
        return services;
    }

    /// <summary><c>Gateway:IdentityToken:Issuer</c>, else <c>Gateway:PublicUrl</c> (without a trailing slash), else <c>urn:gateway</c>.</summary>
    public static string ResolveIssuer(IdentityTokenOptions options, GatewayOptions gateway) =>
        options.Issuer is { Length: > 0 } issuer ? issuer
        : gateway.PublicUrl is { Length: > 0 } publicUrl ? publicUrl.TrimEnd('/')
        : IdentityTokenOptions.FallbackIssuer;
}
