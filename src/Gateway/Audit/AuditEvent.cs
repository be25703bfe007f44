namespace Gateway.Audit;

/// <summary>
/// One audited fact: an admin change, or a request a service account made through the proxy. Never holds a secret.
/// </summary>
public sealed record AuditEvent
{
    /// <summary>Unique id (<c>ev_</c> + 20 base62 characters).</summary>
    public required string Id { get; init; }

    /// <summary>When it happened (millisecond precision).</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary><see cref="AuditKinds.Admin"/> or <see cref="AuditKinds.Request"/>.</summary>
    public required string Kind { get; init; }

    /// <summary>The acting principal's id (<c>sa_…</c>); <c>null</c> when unauthenticated.</summary>
    public string? PrincipalId { get; init; }

    /// <summary>The acting principal's name at the time.</summary>
    public string? PrincipalName { get; init; }

    /// <summary>The key used.</summary>
    public string? KeyId { get; init; }

    /// <summary>What was done, e.g. <c>service_account.create</c>, <c>key.revoke</c>, <c>proxy.request</c>.</summary>
    public required string Action { get; init; }

    /// <summary>What it was done to: an account or key id, a role name, or the route id of a proxied request.</summary>
    public string? Target { get; init; }

    /// <summary><c>success</c> or <c>failure</c>.</summary>
    public required string Outcome { get; init; }

    /// <summary>The HTTP status answered.</summary>
    public int Status { get; init; }

    /// <summary>The HTTP method.</summary>
    public string? Method { get; init; }

    /// <summary>Milliseconds from arrival to the end of the response (proxied requests).</summary>
    public double? LatencyMs { get; init; }

    /// <summary>The client IP as the gateway established it.</summary>
    public string? ClientIp { get; init; }

    /// <summary>The W3C trace id, to find the request's trace.</summary>
    public string? TraceId { get; init; }

    /// <summary>
    /// Facts particular to the action, e.g. a renewal's <c>gracePeriod</c> or a leak report's <c>url</c> and
    /// <c>source</c>; never a secret. <c>null</c> for most events.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Details { get; init; }
}
