using System.Security.Cryptography;
using Gateway.Accounts;
using Gateway.Accounts.Tokens;

namespace Gateway.Tests.TestSupport;

/// <summary>Builders for domain records with sensible values; every argument can be overridden.</summary>
public static class Samples
{
    /// <summary>A fixed instant with millisecond precision (2030-03-17T17:46:40Z), the stores' precision.</summary>
    public static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeMilliseconds(1_900_000_000_000);

    private static int _counter;

    /// <summary>An authenticated caller's identity (an org service account's API key unless overridden).</summary>
    public static Gateway.Authentication.GatewayIdentity Identity(string? projectId = null, params string[] scopes) => new()
    {
        PrincipalId = "sa_1",
        PrincipalType = "service_account",
        Name = "billing",
        OrgId = "org_1",
        ProjectId = projectId,
        KeyId = "key_1",
        AuthScheme = "api-key",
        Scopes = scopes,
    };

    /// <summary>A unique, valid account name.</summary>
    public static string UniqueName(string stem = "svc") => $"{stem}-{Interlocked.Increment(ref _counter)}";

    public static ServiceAccount Account(
        string? name = null,
        string orgId = "acme",
        string? projectId = null,
        AccountStatus status = AccountStatus.Active,
        DateTimeOffset? createdAt = null,
        IReadOnlyList<string>? roles = null,
        IReadOnlyList<string>? allowedCidrs = null,
        string? description = null,
        string? id = null)
    {
        var created = createdAt ?? T0;
        return new ServiceAccount
        {
            Id = id ?? IdGenerator.NewAccountId(),
            Name = name ?? UniqueName(),
            Description = description,
            OrgId = orgId,
            ProjectId = projectId,
            Roles = roles ?? ["reader"],
            AllowedCidrs = allowedCidrs ?? [],
            Status = status,
            CreatedAt = created,
            UpdatedAt = created,
        };
    }

    public static ApiKey Key(
        string accountId,
        DateTimeOffset? createdAt = null,
        DateTimeOffset? expiresAt = null,
        DateTimeOffset? revokedAt = null,
        DateTimeOffset? lastUsedAt = null,
        KeyKind kind = KeyKind.Bearer,
        string? description = null,
        IReadOnlyList<string>? allowedCidrs = null,
        string? id = null)
    {
        var keyId = id ?? IdGenerator.NewKeyId();
        var token = BearerToken.Create(keyId);
        return new ApiKey
        {
            Id = keyId,
            AccountId = accountId,
            Kind = kind,
            Description = description,
            Fingerprint = KeyFingerprint.Compute(token),
            SecretHash = kind == KeyKind.Bearer ? SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(token)) : [],
            EncryptedSecret = kind == KeyKind.Hmac ? RandomNumberGenerator.GetBytes(60) : [],
            AllowedCidrs = allowedCidrs ?? [],
            CreatedAt = createdAt ?? T0,
            ExpiresAt = expiresAt,
            LastUsedAt = lastUsedAt,
            RevokedAt = revokedAt,
        };
    }
}
