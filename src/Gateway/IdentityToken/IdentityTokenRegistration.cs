using Gateway.Accounts;
using Gateway.Accounts.Secrets;
using Gateway.Configuration;
using Gateway.Listeners;
using Gateway.Redis;
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
        services.AddValidatedOptions<IdentityTokenOptions, IdentityTokenOptionsValidator>(configuration.GetSection(IdentityTokenOptions.SectionName));
        services.AddSingleton<IIdentityKeyStore>(provider =>
        {
            return provider.GetRequiredService<IOptions<StoreOptions>>().Value.IsRedis
                ? new RedisIdentityKeyStore(provider.GetRequiredService<IConnectionMultiplexer>(), provider.GetRequiredService<IOptions<RedisOptions>>().Value.KeyPrefix)
                : new FileIdentityKeyStore(Path.Combine(provider.GetRequiredService<GatewayDataDirectory>().Path, FileIdentityKeyStore.FileName));
        });
        services.AddSingleton(provider => new IdentityKeyDocument(provider.GetRequiredService<SecretProtector>()));
        services.AddSingleton<IdentityKeyRing>();
        services.AddHostedService<IdentityKeyRefresher>();
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<IdentityTokenOptions>>().Value;
            var publicUrl = provider.GetRequiredService<IOptions<PublicUrlOptions>>().Value.PublicUrl;
            return new IdentityTokenIssuer(ResolveIssuer(options, publicUrl), options.Lifetime);
        });
        services.AddSingleton<IdentityTokenCache>();
        services.AddSingleton<ITransformProvider, IdentityTokenTransformProvider>();
        return services;
    }

    /// <summary><c>Gateway:IdentityToken:Issuer</c>, else <c>Gateway:PublicUrl</c> (without a trailing slash), else <c>urn:gateway</c>.</summary>
    public static string ResolveIssuer(IdentityTokenOptions options, string? publicUrl) =>
        options.Issuer is { Length: > 0 } issuer ? issuer
        : publicUrl is { Length: > 0 } ? publicUrl.TrimEnd('/')
        : IdentityTokenOptions.FallbackIssuer;
}
