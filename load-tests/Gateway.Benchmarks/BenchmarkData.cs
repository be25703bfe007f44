using System.Security.Claims;
using System.Security.Cryptography;
using Gateway.Accounts;
using Gateway.Accounts.Roles;
using Gateway.Authentication;

namespace Gateway.Benchmarks;

/// <summary>Fixed inputs shared by the benchmarks: one key id, one HMAC secret, one service account.</summary>
public static class BenchmarkData
{
    /// <summary>Host and port the prepared requests are addressed to.</summary>
    public const string Authority = "gateway.example:8080";

    /// <summary>The request path of every prepared request.</summary>
    public const string Path = "/echo/items/42";

    /// <summary>The query of every prepared request.</summary>
    public const string Query = "?color=red&i=12345";

    /// <summary>A fixed signing time, so the prepared signatures never change.</summary>
    public static readonly DateTimeOffset SignedAt = new(2025, 11, 20, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The HMAC secret as issued (its UTF-8 bytes are the RFC 9421 key).</summary>
    public const string HmacSecret = "gws_ZuQWlmeLNkzggEvGtu1uVgYjjeOwXyYdwwoJksFTHPg2QjUfO";

    /// <summary>A fresh 32-byte key, e.g. the token-hash key.</summary>
    public static byte[] RandomKey() => RandomNumberGenerator.GetBytes(32);

    /// <summary>The principal an authenticated bearer request carries (built by the gateway's own validator).</summary>
    public static ClaimsPrincipal Principal(string keyId)
    {
        var now = DateTimeOffset.UtcNow;
        var account = new ServiceAccount
        {
            Id = IdGenerator.NewAccountId(),
            Name = "ci-deploy",
            OrgId = "acme",
            ProjectId = "web",
            Roles = ["executor"],
            AllowedCidrs = [],
            Status = AccountStatus.Active,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var key = new ApiKey
        {
            Id = keyId,
            AccountId = account.Id,
            Kind = KeyKind.Bearer,
            Fingerprint = "SHA256:x",
            SecretHash = new byte[32],
            AllowedCidrs = [],
            CreatedAt = now,
        };
        // Built-in roles only: the registry's store is never read unless roles are loaded or put.
        var roles = new RoleRegistry(new Gateway.Accounts.Sqlite.SqliteAccountStore(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gateway-bench-roles.db")));
        return new CredentialValidator(roles, TimeProvider.System)
            .CreatePrincipal(new Credential(key, account), AuthSchemeNames.ApiKey, "ApiKey");
    }
}
