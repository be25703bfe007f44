namespace Gateway.Audit;

/// <summary>Values of <see cref="AuditEvent.Kind"/>.</summary>
public static class AuditKinds
{
    /// <summary>A change through the admin API, written durably before it is acknowledged.</summary>
    public const string Admin = "admin";

    /// <summary>A request a service account made through the proxy, written asynchronously in batches.</summary>
    public const string Request = "request";
}
