namespace Gateway.Audit;

/// <summary><c>Gateway:Audit:RequestDetail</c>: which proxied requests get an audit event of their own.</summary>
public enum RequestAuditDetail
{
    /// <summary>Every proxied request of a service account (the default).</summary>
    All,

    /// <summary>Only requests the gateway refused after authenticating the caller (401, 403).</summary>
    Denied,

    /// <summary>None: per-key usage counters and <c>lastUsedAt</c> only.</summary>
    None,
}
