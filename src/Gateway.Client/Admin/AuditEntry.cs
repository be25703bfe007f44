namespace Gateway.Client.Admin;

/// <summary>One audit event as <c>GET /v1/audit</c> shows it (an admin change or a proxied request); never a secret.</summary>
public sealed record AuditEntry
{
    /// <summary><c>ev_…</c>.</summary>
    public required string Id { get; init; }

    /// <summary>When it happened.</summary>
    public DateTimeOffset Time { get; init; }

    /// <summary><c>admin</c> or <c>request</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>The acting account (<c>sa_…</c>); <c>null</c> when unauthenticated.</summary>
    public string? PrincipalId { get; init; }

    /// <summary>The acting account's name at the time.</summary>
    public string? PrincipalName { get; init; }

    /// <summary>The key used.</summary>
    public string? KeyId { get; init; }

    /// <summary>E.g. <c>key.revoke</c> or <c>proxy.request</c>.</summary>
    public required string Action { get; init; }

    /// <summary>An account or key id, a role name, or a route id.</summary>
    public string? Target { get; init; }

    /// <summary><c>success</c> or <c>failure</c>.</summary>
    public required string Outcome { get; init; }

    /// <summary>The HTTP status answered.</summary>
    public int Status { get; init; }

    /// <summary>The HTTP method.</summary>
    public string? Method { get; init; }

    /// <summary>The client IP as the gateway established it.</summary>
    public string? ClientIp { get; init; }

    /// <summary>The W3C trace id.</summary>
    public string? TraceId { get; init; }
}
