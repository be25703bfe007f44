namespace Gateway.Forwarding;

/// <summary>Names of the identity headers the gateway adds for upstreams (docs/API.md, identity forwarded upstream).</summary>
public static class IdentityHeaders
{
    /// <summary>How many identity headers an authenticated request gets at most.</summary>
    public const int Count = 8;

    /// <summary>Every incoming header that starts with this is removed before forwarding.</summary>
    public const string Prefix = "X-Gateway-";

    /// <summary>The principal's id.</summary>
    public const string PrincipalId = "X-Gateway-Principal-Id";

    /// <summary><c>service_account</c> or <c>user</c>.</summary>
    public const string PrincipalType = "X-Gateway-Principal-Type";

    /// <summary>The account's name.</summary>
    public const string PrincipalName = "X-Gateway-Principal-Name";

    /// <summary>The account's org.</summary>
    public const string OrgId = "X-Gateway-Org-Id";

    /// <summary>The account's project (omitted for org accounts).</summary>
    public const string ProjectId = "X-Gateway-Project-Id";

    /// <summary>The key used.</summary>
    public const string KeyId = "X-Gateway-Key-Id";

    /// <summary><c>api-key</c>, <c>rfc9421</c> or <c>aws-sigv4</c>.</summary>
    public const string AuthScheme = "X-Gateway-Auth-Scheme";

    /// <summary>Effective scopes, space-separated.</summary>
    public const string Scopes = "X-Gateway-Scopes";
}
