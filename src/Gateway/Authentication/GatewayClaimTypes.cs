namespace Gateway.Authentication;

/// <summary>Claim types of an authenticated gateway principal.</summary>
public static class GatewayClaimTypes
{
    /// <summary>The principal's id (<c>sa_…</c>).</summary>
    public const string PrincipalId = "gateway/principal_id";

    /// <summary><c>service_account</c> or <c>user</c>.</summary>
    public const string PrincipalType = "gateway/principal_type";

    /// <summary>The account's name (also the identity's name claim).</summary>
    public const string Name = "gateway/name";

    /// <summary>The account's org.</summary>
    public const string OrgId = "gateway/org_id";

    /// <summary>The account's project; absent for org-wide accounts.</summary>
    public const string ProjectId = "gateway/project_id";

    /// <summary>The key the request was authenticated with.</summary>
    public const string KeyId = "gateway/key_id";

    /// <summary><c>api-key</c>, <c>rfc9421</c> or <c>aws-sigv4</c>.</summary>
    public const string AuthScheme = "gateway/auth_scheme";

    /// <summary>One effective scope pattern per claim.</summary>
    public const string Scope = "gateway/scope";
}
