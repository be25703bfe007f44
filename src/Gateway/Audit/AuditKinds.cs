namespace Gateway.Audit;

/// <summary>Values of <see cref="AuditEvent.Kind"/>.</summary>
public static class AuditKinds
{
    /// <summary>A change through the admin API, written durably before it is acknowledged.</summary>
    public const string Admin = "admin";

    /// <summary>A request a service account made through the proxy, written asynchronously in batches.</summary>
    public const string Request = "request";

    /// <summary>
    /// A change the gateway made by itself (a scheduled revocation, a leaked key revoked on a scanner's report):
    /// <see cref="AuditEvent.PrincipalName"/> is <c>system</c>; <c>details.accountId</c> names the affected account.
    /// </summary>
    public const string System = "system";

    /// <summary>The <see cref="AuditEvent.Details"/> entry naming the account a system event concerns.</summary>
    public const string AccountDetail = "accountId";
}
