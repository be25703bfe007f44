namespace Gateway.Audit;

/// <summary>The audit actions, one per admin change plus the proxied request.</summary>
public static class AuditActions
{
    public const string ProxyRequest = "proxy.request";
    public const string AccountCreate = "service_account.create";
    public const string AccountUpdate = "service_account.update";
    public const string AccountDelete = "service_account.delete";
    public const string KeyCreate = "key.create";
    public const string KeyRevoke = "key.revoke";
    public const string KeyRenew = "key.renew";
    public const string KeyUpdate = "key.update";
    public const string KeyRevoked = "key.revoked";
    public const string KeyLeaked = "key.leaked";
    public const string RolePut = "role.put";
    public const string RunnerCredentials = "runner.credentials";
}
