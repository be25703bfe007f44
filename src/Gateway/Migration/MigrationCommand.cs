using Gateway.Accounts.Invalidation;
using Gateway.Accounts.Redis;
using Gateway.Accounts.Sqlite;
using Gateway.Errors;
using Gateway.Federation.Store;
using Gateway.Hosting;
using Gateway.IdentityToken;
using Gateway.Redis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gateway.Migration;

/// <summary>
/// <c>Gateway migrate --from-sqlite &lt;data dir&gt;/gateway.db --Gateway:Redis:Configuration=…</c>: copies the
/// embedded store into Redis (see <see cref="StoreMigration"/>: accounts, keys, roles, trust policies, and the
/// identity-token signing keys of the same data directory), prints the counts, and tells running replicas to
/// drop their caches. Settings come from <c>appsettings.json</c>, <c>GATEWAY__…</c> environment variables and the
/// command line, as for the server. Exit codes: 0 done, 1 done with name conflicts, 2 usage or configuration
/// error, 3 Redis unavailable.
/// </summary>
public static class MigrationCommand
{
    /// <summary>The verb that selects this command: <c>migrate</c>.</summary>
    public const string Verb = "migrate";

    /// <summary>The option naming the SQLite file: <c>--from-sqlite</c>.</summary>
    public const string FromSqliteOption = "--from-sqlite";

    /// <summary><c>true</c> when <paramref name="args"/> start with the <see cref="Verb"/>.</summary>
    public static bool Matches(string[] args) => args.Length > 0 && args[0] == Verb;

    /// <summary>Runs the command with the arguments after the verb.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        string? sqlitePath = null;
        var settings = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == FromSqliteOption && i + 1 < args.Length)
            {
                sqlitePath = args[++i];
            }
            else if (args[i].StartsWith(FromSqliteOption + "=", StringComparison.Ordinal))
            {
                sqlitePath = args[i][(FromSqliteOption.Length + 1)..];
            }
            else
            {
                settings.Add(args[i]);
            }
        }

        var configuration = new ConfigurationBuilder()
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(settings.ToArray())
            .Build();
        var options = configuration.GetSection(GatewayOptions.SectionName).Get<GatewayOptions>() ?? new GatewayOptions();
        if (sqlitePath is null || !File.Exists(sqlitePath))
        {
            await error.WriteLineAsync(sqlitePath is null
                ? $"usage: Gateway {Verb} {FromSqliteOption} <data dir>/gateway.db --Gateway:Redis:Configuration=<redis>"
                : $"{FromSqliteOption}: no file '{sqlitePath}'.");
            return 2;
        }

        if (options.Redis.Configuration is not { Length: > 0 } redisConfiguration)
        {
            await error.WriteLineAsync("Gateway:Redis:Configuration is required: the Redis to copy into.");
            return 2;
        }

        try
        {
            await using var redis = await RedisConnectionFactory.ConnectAsync(redisConfiguration);
            using var source = new SqliteAccountStore(sqlitePath);
            await source.InitializeAsync(cancellationToken);
            var target = new RedisAccountStore(redis, options.Redis.KeyPrefix, TimeProvider.System, NullLogger<RedisAccountStore>.Instance);
            await target.InitializeAsync(cancellationToken);

            var dataDirectory = Path.GetDirectoryName(Path.GetFullPath(sqlitePath))!;
            var sourcePolicies = new SqliteTrustPolicyStore(sqlitePath);
            await sourcePolicies.InitializeAsync(cancellationToken);
            var result = await new StoreMigration(
                source,
                target,
                sourcePolicies,
                new RedisTrustPolicyStore(redis, target.Keys),
                new FileIdentityKeyStore(Path.Combine(dataDirectory, FileIdentityKeyStore.FileName)),
                new RedisIdentityKeyStore(redis, options.Redis.KeyPrefix)).RunAsync(cancellationToken);
            await redis.GetSubscriber().PublishAsync(target.Keys.InvalidationChannel, CacheInvalidation.All.ToString());

            await output.WriteLineAsync($"Copied {sqlitePath} into Redis (prefix '{options.Redis.KeyPrefix}'):");
            await output.WriteLineAsync(result.ToString());
            await output.WriteLineAsync(
                "Every replica must hash and decrypt with the same keys as this store: set Gateway:Keys:HashKey to the content of " +
                $"{Path.Combine(dataDirectory, "token-hash.key")} and Gateway:Signing:MasterKeys:0:Id=local, :Key to the content of " +
                $"{Path.Combine(dataDirectory, "master.key")} (unless they were configured explicitly already).");
            if (result.AccountConflicts > 0)
            {
                await error.WriteLineAsync(
                    $"{result.AccountConflicts} account(s) were not copied: another account holds the same name in the same org in Redis.");
                return 1;
            }

            return 0;
        }
        catch (Exception ex) when (ex is StoreUnavailableException || RedisAccountStore.IsUnavailable(ex))
        {
            await error.WriteLineAsync($"Redis is unavailable: {ex.Message}");
            return 3;
        }
    }
}
