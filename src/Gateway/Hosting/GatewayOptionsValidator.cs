using Gateway.Accounts.Tokens;
using Microsoft.Extensions.Options;

namespace Gateway.Hosting;

/// <summary>Validates <see cref="GatewayOptions"/> at start-up; each message names the configuration key.</summary>
public sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add("Gateway:DataDirectory must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(options.RoutesFile))
        {
            failures.Add("Gateway:RoutesFile must not be empty.");
        }

        if (options.PublicUrl is { Length: > 0 } publicUrl
            && (!Uri.TryCreate(publicUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
                || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0))
        {
            failures.Add("Gateway:PublicUrl must be an absolute http(s) URL without user info, query or fragment.");
        }

        ValidateListener("Proxy", options.Listeners.Proxy, failures);
        ValidateListener("Admin", options.Listeners.Admin, failures);
        ValidateListener("Status", options.Listeners.Status, failures);

        if (options.Keys.HashKey is { Length: > 0 } hashKey && !IsBase64OfAtLeast(hashKey, 32))
        {
            failures.Add("Gateway:Keys:HashKey must be base64 of at least 32 bytes.");
        }

        if (options.Admin.BootstrapKey is { Length: > 0 } bootstrap && !BearerToken.TryParse(bootstrap, out _))
        {
            failures.Add("Gateway:Admin:BootstrapKey must be a well-formed gwk_ token (create one with `gatewayctl` or let the gateway generate it).");
        }

        ValidateSigning(options.Signing, failures);
        if (options.Audit.QueueCapacity < 1)
        {
            failures.Add("Gateway:Audit:QueueCapacity must be at least 1.");
        }

        if (options.Audit.BatchSize is < 1 or > 10_000)
        {
            failures.Add("Gateway:Audit:BatchSize must be between 1 and 10000.");
        }

        if (options.Audit.Linger < TimeSpan.FromMilliseconds(1) || options.Audit.Linger > TimeSpan.FromSeconds(10))
        {
            failures.Add("Gateway:Audit:Linger must be between 00:00:00.001 and 00:00:10.");
        }

        if (options.Audit.Retention < TimeSpan.FromHours(1))
        {
            failures.Add("Gateway:Audit:Retention must be at least 01:00:00.");
        }

        for (var i = 0; i < options.TrustedProxies.Count; i++)
        {
            if (!Accounts.NameRules.TryNormalizeCidr(options.TrustedProxies[i], out _))
            {
                failures.Add($"Gateway:TrustedProxies:{i} '{options.TrustedProxies[i]}' is not an IP address or CIDR block.");
            }
        }

        if (options.Keys.MaxLifetime is { } lifetime && lifetime < TimeSpan.FromMinutes(1))
        {
            failures.Add("Gateway:Keys:MaxLifetime must be at least 00:01:00.");
        }

        if (options.Keys.MaxRenewGrace < TimeSpan.Zero || options.Keys.MaxRenewGrace > TimeSpan.FromDays(30))
        {
            failures.Add("Gateway:Keys:MaxRenewGrace must be between 00:00:00 and 30.00:00:00.");
        }

        if (options.Replay.Store is { Length: > 0 } store && store is not ("memory" or "redis"))
        {
            failures.Add("Gateway:Replay:Store must be 'memory' or 'redis'.");
        }

        if (options.Replay.Store == "redis" && string.IsNullOrEmpty(options.Redis.Configuration)
            && string.IsNullOrEmpty(options.Replay.RedisConfiguration))
        {
            failures.Add("Gateway:Replay:Store is 'redis' but Gateway:Redis:Configuration is not set (nor Gateway:Replay:RedisConfiguration).");
        }

        ValidateStore(options, failures);
        ValidateCache(options.CredentialCache, failures);

        if (options.Replay.MemoryCapacity < 1000)
        {
            failures.Add("Gateway:Replay:MemoryCapacity must be at least 1000.");
        }

        if (!Accounts.NameRules.IsValidIdentifier(options.Admin.BootstrapOrg))
        {
            failures.Add("Gateway:Admin:BootstrapOrg must be 1-64 characters of letters, digits, '.', '-' or '_'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateStore(GatewayOptions options, List<string> failures)
    {
        if (options.Store.Provider is not { Length: > 0 } provider
            || !(string.Equals(provider, StoreOptions.Sqlite, StringComparison.OrdinalIgnoreCase) || options.Store.IsRedis))
        {
            failures.Add($"Gateway:Store:Provider must be '{StoreOptions.Sqlite}' or '{StoreOptions.Redis}'.");
        }

        var prefix = options.Redis.KeyPrefix ?? "";
        if (prefix.Length is 0 or > 64 || prefix.AsSpan().IndexOfAny('{', '}') >= 0 || prefix.Any(char.IsWhiteSpace))
        {
            failures.Add("Gateway:Redis:KeyPrefix must be 1-64 characters without '{', '}' or spaces (braces would change Redis Cluster hash slots).");
        }

        if (options.Redis.MaxStaleness < TimeSpan.Zero || options.Redis.MaxStaleness > TimeSpan.FromHours(1))
        {
            failures.Add("Gateway:Redis:MaxStaleness must be between 00:00:00 and 01:00:00.");
        }

        if (!options.Store.IsRedis)
        {
            return;
        }

        // Every replica must verify every token and decrypt every HMAC secret: generated per-node key files would
        // make each replica reject the keys the others issued.
        if (string.IsNullOrEmpty(options.Redis.Configuration))
        {
            failures.Add("Gateway:Store:Provider is 'redis' but Gateway:Redis:Configuration is not set.");
        }

        if (string.IsNullOrEmpty(options.Keys.HashKey))
        {
            failures.Add("Gateway:Keys:HashKey is required when Gateway:Store:Provider is 'redis': every replica must hash tokens under the same key (see docs/OPERATIONS.md).");
        }

        if (options.Signing.MasterKeys.Count == 0)
        {
            failures.Add("Gateway:Signing:MasterKeys is required when Gateway:Store:Provider is 'redis': every replica must decrypt the same HMAC secrets (see docs/OPERATIONS.md).");
        }

        if (string.Equals(options.Replay.Store, "memory", StringComparison.OrdinalIgnoreCase))
        {
            failures.Add("Gateway:Replay:Store is 'memory' but Gateway:Store:Provider is 'redis': replicas would not see each other's nonces, so a signed request could be replayed on another replica.");
        }
    }

    private static void ValidateCache(CredentialCacheOptions cache, List<string> failures)
    {
        if (cache.EntryLifetime <= TimeSpan.Zero || cache.EntryLifetime > TimeSpan.FromHours(1))
        {
            failures.Add("Gateway:CredentialCache:EntryLifetime must be more than zero and at most 01:00:00.");
        }

        if (cache.NegativeLifetime < TimeSpan.Zero || cache.NegativeLifetime > TimeSpan.FromMinutes(5))
        {
            failures.Add("Gateway:CredentialCache:NegativeLifetime must be between 00:00:00 and 00:05:00.");
        }

        if (cache.MaxEntries < 1)
        {
            failures.Add("Gateway:CredentialCache:MaxEntries must be at least 1.");
        }

        if (cache.MaxNegativeEntries < 1)
        {
            failures.Add("Gateway:CredentialCache:MaxNegativeEntries must be at least 1.");
        }

        if (cache.ResyncInterval < TimeSpan.FromSeconds(1) || cache.ResyncInterval > TimeSpan.FromHours(1))
        {
            failures.Add("Gateway:CredentialCache:ResyncInterval must be between 00:00:01 and 01:00:00.");
        }
    }

    private static void ValidateListener(string name, ListenerOptions listener, List<string> failures)
    {
        if (!ListenerEndpoint.TryParse(listener.Url, out var endpoint))
        {
            failures.Add($"Gateway:Listeners:{name}:Url '{listener.Url}' is not http(s)://address:port.");
            return;
        }

        if (endpoint!.Https && string.IsNullOrEmpty(listener.CertificatePath))
        {
            failures.Add($"Gateway:Listeners:{name}:CertificatePath is required for an https listener.");
        }
    }

    private static void ValidateSigning(SigningOptions signing, List<string> failures)
    {
        if (signing.ClockSkew <= TimeSpan.Zero || signing.ClockSkew > TimeSpan.FromHours(1))
        {
            failures.Add("Gateway:Signing:ClockSkew must be more than zero and at most 01:00:00.");
        }

        if (signing.MaxBodyBytes is < 1 or > int.MaxValue)
        {
            failures.Add("Gateway:Signing:MaxBodyBytes must be between 1 and 2147483647.");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < signing.MasterKeys.Count; i++)
        {
            var key = signing.MasterKeys[i];
            if (key.Id.Length is 0 or > 32 || !Accounts.NameRules.IsValidIdentifier(key.Id) || !ids.Add(key.Id))
            {
                failures.Add($"Gateway:Signing:MasterKeys:{i}:Id must be a unique 1-32 character name of [A-Za-z0-9._-].");
            }

            var buffer = new byte[key.Key.Length];
            if (!Convert.TryFromBase64String(key.Key, buffer, out var written) || written != 32)
            {
                failures.Add($"Gateway:Signing:MasterKeys:{i}:Key must be base64 of exactly 32 bytes.");
            }
        }

        if (signing.ActiveMasterKey is { Length: > 0 } active && !ids.Contains(active))
        {
            failures.Add($"Gateway:Signing:ActiveMasterKey '{active}' is not one of Gateway:Signing:MasterKeys.");
        }
    }

    private static bool IsBase64OfAtLeast(string value, int bytes)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var written) && written >= bytes;
    }
}
