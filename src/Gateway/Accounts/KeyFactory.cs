using Gateway.Accounts.Secrets;
using Gateway.Accounts.Tokens;

namespace Gateway.Accounts;

/// <summary>
/// Mints keys: a fresh id, a fresh secret, and the record that stores it safely — a keyed hash for bearer tokens,
/// an AES-GCM sealed secret for HMAC keys.
/// </summary>
public sealed class KeyFactory(SecretHasher hasher, SecretProtector protector, TimeProvider time)
{
    /// <summary>A new key for <paramref name="accountId"/>; the secret is in the result only.</summary>
    public IssuedKey Create(string accountId, KeySpec spec) =>
        spec.Kind == KeyKind.Hmac ? CreateHmac(accountId, spec) : CreateBearer(accountId, spec);

    private IssuedKey CreateHmac(string accountId, KeySpec spec)
    {
        var id = IdGenerator.NewKeyId();
        var secret = HmacSecret.Create();
        var key = new ApiKey
        {
            Id = id,
            AccountId = accountId,
            Kind = KeyKind.Hmac,
            Description = spec.Description,
            Fingerprint = KeyFingerprint.Compute(secret),
            SecretHash = [],
            EncryptedSecret = protector.Protect(id, secret),
            AllowedCidrs = spec.AllowedCidrs,
            CreatedAt = time.GetStoreUtcNow(),
            ExpiresAt = spec.ExpiresAt,
            RateLimit = spec.RateLimit,
            Quota = spec.Quota,
        };
        return new IssuedKey(key, secret);
    }

    private IssuedKey CreateBearer(string accountId, KeySpec spec)
    {
        var id = IdGenerator.NewKeyId();
        var token = BearerToken.Create(id);
        var key = new ApiKey
        {
            Id = id,
            AccountId = accountId,
            Kind = KeyKind.Bearer,
            Description = spec.Description,
            Fingerprint = KeyFingerprint.Compute(token),
            SecretHash = hasher.Hash(token),
            AllowedCidrs = spec.AllowedCidrs,
            CreatedAt = time.GetStoreUtcNow(),
            ExpiresAt = spec.ExpiresAt,
            RateLimit = spec.RateLimit,
            Quota = spec.Quota,
        };
        return new IssuedKey(key, token);
    }

    /// <summary>The record for an operator-supplied bearer token (the configured bootstrap key).</summary>
    public ApiKey FromExistingToken(string accountId, string token, string description)
    {
        if (!BearerToken.TryParse(token, out var id))
        {
            throw new ArgumentException("Not a well-formed gateway token.", nameof(token));
        }

        return new ApiKey
        {
            Id = id,
            AccountId = accountId,
            Kind = KeyKind.Bearer,
            Description = description,
            Fingerprint = KeyFingerprint.Compute(token),
            SecretHash = hasher.Hash(token),
            AllowedCidrs = [],
            CreatedAt = time.GetStoreUtcNow(),
        };
    }
}
