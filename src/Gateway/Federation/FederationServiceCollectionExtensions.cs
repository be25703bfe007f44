using Gateway.Accounts;
using Gateway.Accounts.Invalidation;
using Gateway.Accounts.Redis;
using Gateway.Authentication;
using Gateway.Configuration;
using Gateway.Federation.Access;
using Gateway.Federation.Exchange;
using Gateway.Federation.Jose;
using Gateway.Federation.Store;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Gateway.Federation;

/// <summary>Registration of workload identity federation: one call in the composition root, one to map its endpoints.</summary>
public static class FederationServiceCollectionExtensions
{
    /// <summary>
    /// Adds <c>Gateway:Federation</c>: options, trust policy store (SQLite or Redis, following
    /// <c>Gateway:Store:Provider</c>), issuer key cache, exchange, the <c>gwf_</c> access token scheme.
    /// </summary>
    public static IServiceCollection AddGatewayFederation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGatewaySettingsSection<FederationOptions>("Federation");
        services.AddValidatedOptions<FederationOptions, FederationOptionsValidator>(configuration.GetSection(FederationOptions.SectionName));

        services.AddSingleton<ITrustPolicyStore>(provider =>
        {
            return provider.GetRequiredService<IOptions<StoreOptions>>().Value.IsRedis
                ? new RedisTrustPolicyStore(provider.GetRequiredService<IConnectionMultiplexer>(), provider.GetRequiredService<RedisKeyLayout>())
                : new SqliteTrustPolicyStore(provider.GetRequiredService<GatewayDataDirectory>().DatabasePath);
        });
        services.AddSingleton<IssuerKeyCache>();
        services.AddSingleton<IdTokenValidator>();
        services.AddSingleton<FederatedAccessTokens>();
        services.AddSingleton<FederatedCredentials>();
        services.AddSingleton<IInvalidationObserver>(provider => provider.GetRequiredService<FederatedCredentials>());
        services.AddSingleton<FederationMetrics>();
        services.AddSingleton<TokenExchangeService>();

        services.AddAuthentication()
            .AddScheme<FederationAuthenticationOptions, FederationAuthenticationHandler>(FederationDefaults.AuthenticationScheme, null);
        services.PostConfigure<PolicySchemeOptions>(GatewayAuthenticationDefaults.PolicyScheme, FederationSchemeSelector.Wrap);
        return services;
    }

    /// <summary>Maps <c>POST /.gateway/token</c> (proxy listener) and the trust policy admin endpoints.</summary>
    public static WebApplication MapGatewayFederation(this WebApplication app)
    {
        app.MapTokenExchange();
        app.MapTrustPolicies();

        // Resolved now so the exchange counter's series exist from the first scrape.
        app.Services.GetRequiredService<FederationMetrics>();
        return app;
    }
}
