using Gateway.Accounts;
using Gateway.Admin;
using Gateway.Audit;
using Gateway.Authentication.Signature;
using Gateway.Listeners;
using Gateway.Redis;
using Gateway.Replay;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Gateway.Hosting;

/// <summary>
/// Validates the whole <c>Gateway</c> section at start-up, before anything is built: the host's own settings, each
/// feature's settings through the feature's validator, and the rules that span features (the Redis store needs shared
/// keys and shared nonces). Each message names the configuration key.
/// </summary>
public sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    /// <summary>Binds and validates <c>Gateway</c> from <paramref name="configuration"/>; throws <see cref="OptionsValidationException"/> listing every failure.</summary>
    public static GatewayOptions ValidateNow(IConfiguration configuration)
    {
        var options = configuration.GetSection(GatewayOptions.SectionName).Get<GatewayOptions>() ?? new GatewayOptions();
        var validation = new GatewayOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(GatewayOptions.SectionName, typeof(GatewayOptions), validation.Failures);
        }

        return options;
    }

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

        ListenersOptionsValidator.Validate(options.Listeners, failures);
        KeysOptionsValidator.Validate(options.Keys, failures);
        AdminOptionsValidator.ValidateBootstrapKey(options.Admin, failures);
        SigningOptionsValidator.Validate(options.Signing, failures);
        AuditOptionsValidator.Validate(options.Audit, failures);
        for (var i = 0; i < options.TrustedProxies.Count; i++)
        {
            if (!NameRules.TryNormalizeCidr(options.TrustedProxies[i], out _))
            {
                failures.Add($"Gateway:TrustedProxies:{i} '{options.TrustedProxies[i]}' is not an IP address or CIDR block.");
            }
        }

        ReplayOptionsValidator.ValidateStore(options.Replay, failures);
        if (options.Replay.Store == ReplayOptions.RedisStore && string.IsNullOrEmpty(options.Redis.Configuration)
            && string.IsNullOrEmpty(options.Replay.RedisConfiguration))
        {
            failures.Add("Gateway:Replay:Store is 'redis' but Gateway:Redis:Configuration is not set (nor Gateway:Replay:RedisConfiguration).");
        }

        StoreOptionsValidator.Validate(options.Store, failures);
        RedisOptionsValidator.Validate(options.Redis, failures);
        ValidateSharedStore(options, failures);
        CredentialCacheOptionsValidator.Validate(options.CredentialCache, failures);
        ReplayOptionsValidator.ValidateCapacity(options.Replay, failures);
        AdminOptionsValidator.ValidateBootstrapOrg(options.Admin, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>
    /// The Redis store serves any number of replicas: every replica must verify every token and decrypt every HMAC
    /// secret (generated per-node key files would make each replica reject the keys the others issued) and see every
    /// nonce.
    /// </summary>
    private static void ValidateSharedStore(GatewayOptions options, List<string> failures)
    {
        if (!options.Store.IsRedis)
        {
            return;
        }

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

        if (string.Equals(options.Replay.Store, ReplayOptions.MemoryStore, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add("Gateway:Replay:Store is 'memory' but Gateway:Store:Provider is 'redis': replicas would not see each other's nonces, so a signed request could be replayed on another replica.");
        }
    }
}
