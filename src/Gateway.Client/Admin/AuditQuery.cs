namespace Gateway.Client.Admin;

/// <summary>Filters and paging of <c>GET /v1/audit</c>; every member is optional.</summary>
public sealed record AuditQuery
{
    /// <summary>Only events of this account (<c>sa_…</c>).</summary>
    public string? PrincipalId { get; init; }

    /// <summary>Only this action, e.g. <c>key.revoke</c>.</summary>
    public string? Action { get; init; }

    /// <summary>Only events at or after this time.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Page size, 1-1000; the gateway's default (100) when <c>null</c>.</summary>
    public int? Limit { get; init; }

    /// <summary>A <see cref="AuditPage.NextCursor"/> from an earlier page.</summary>
    public string? Cursor { get; init; }
}
