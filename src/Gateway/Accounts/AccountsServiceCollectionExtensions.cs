using Gateway.Accounts.Invalidation;
using Gateway.Accounts.Redis;
using Gateway.Accounts.Secrets;
using Gateway.Accounts.Sqlite;
using Gateway.Accounts.Tokens;
using Gateway.Configuration;
using Gateway.Redis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gateway.Accounts;

/// <summary>Registers the accounts feature: its settings, key material, the account store and the credential cache.</summary>
public static class AccountsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <c>Gateway:Keys</c>, <c>Gateway:Store</c>, <c>Gateway:CredentialCache</c> and the master key ring of
    /// <c>Gateway:Signing</c>; the SQLite or Redis account store (by <c>Gateway:Store:Provider</c>) with its
    /// invalidation channel (and, with SQLite, the thread that checkpoints its write-ahead log); the credential cache
    /// and the services that issue keys.
    /// </summary>
    public static IServiceCollection AddGatewayAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<KeysOptions, KeysOptionsValidator>(configuration.GetSection(KeysOptions.SectionName));
        services.AddValidatedOptions<StoreOptions, StoreOptionsValidator>(configuration.GetSection(StoreOptions.SectionName));
        services.AddValidatedOptions<CredentialCacheOptions, CredentialCacheOptionsValidator>(configuration.GetSection(CredentialCacheOptions.SectionName));
        services.AddValidatedOptions<MasterKeyRingOptions, MasterKeyRingOptionsValidator>(configuration.GetSection(MasterKeyRingOptions.SectionName));

        services.AddSingleton(provider => HashKeyLoader.Create(
            provider.GetRequiredService<IOptions<KeysOptions>>().Value,
            provider.GetRequiredService<GatewayDataDirectory>(),
            provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HashKeyLoader))));
        services.AddSingleton(provider => MasterKeyRing.Create(
            provider.GetRequiredService<IOptions<MasterKeyRingOptions>>().Value,
            provider.GetRequiredService<GatewayDataDirectory>().Path,
            provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MasterKeyRing))));

        // The store is chosen when the container is built (like YARP's config providers): the two graphs differ.
        var store = configuration.GetSection(StoreOptions.SectionName).Get<StoreOptions>() ?? new StoreOptions();
        if (store.IsRedis)
        {
            services.AddSingleton(provider => new RedisKeyLayout(provider.GetRequiredService<IOptions<RedisOptions>>().Value.KeyPrefix));
            services.AddSingleton(provider => ActivatorUtilities.CreateInstance<RedisAccountStore>(provider, provider.GetRequiredService<RedisKeyLayout>().Prefix));
            services.AddSingleton<IAccountStore>(provider => ActivatorUtilities.CreateInstance<InstrumentedAccountStore>(
                provider, provider.GetRequiredService<RedisAccountStore>(), StoreOptions.Redis));
            services.AddSingleton<IInvalidationPublisher, RedisInvalidationPublisher>();
            services.AddHostedService<RedisInvalidationListener>();
        }
        else
        {
            services.AddSingleton(provider => new SqliteAccountStore(provider.GetRequiredService<GatewayDataDirectory>().DatabasePath));
            services.AddSingleton<IAccountStore>(provider => ActivatorUtilities.CreateInstance<InstrumentedAccountStore>(
                provider, provider.GetRequiredService<SqliteAccountStore>(), StoreOptions.Sqlite));
            services.AddSingleton<IInvalidationPublisher, LocalInvalidationPublisher>();

            // The only connection that checkpoints the file (every store's connections turn it off).
            services.AddSingleton<SqliteCheckpointer>();
            services.AddHostedService(provider => provider.GetRequiredService<SqliteCheckpointer>());
        }

        services.AddSingleton<ICredentialCache>(provider => ActivatorUtilities.CreateInstance<CredentialCache>(provider,
            provider.GetRequiredService<IOptions<CredentialCacheOptions>>().Value,
            provider.GetRequiredService<IOptions<RedisOptions>>().Value.MaxStaleness));
        services.AddSingleton<InvalidationApplier>();
        services.AddHostedService<CredentialCacheMaintenance>();
        services.AddSingleton<KeyFactory>();
        services.AddSingleton<AccountService>();
        return services;
    }
}
