namespace Gateway.Authorization;

/// <summary>Scopes that guard the gateway's own administration API; also the names of their authorization policies.</summary>
public static class GatewayScopes
{
    /// <summary>Read service accounts and keys.</summary>
    public const string AccountsRead = "gateway.accounts:read";

    /// <summary>Create, change and delete service accounts and keys; provision runner credentials.</summary>
    public const string AccountsWrite = "gateway.accounts:write";

    /// <summary>Read the audit trail.</summary>
    public const string AuditRead = "gateway.audit:read";

    /// <summary>
    /// May assign <c>gateway.*</c> scopes (administration) that the holder itself holds; <c>*</c> implies it. Without
    /// it, an administrator can manage accounts but never create another administrator.
    /// </summary>
    public const string AdminGrant = "gateway.admin:grant";
}
