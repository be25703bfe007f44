namespace Gateway.Client.Admin;

/// <summary>Filters and paging of <c>GET /v1/service-accounts</c>; every member is optional.</summary>
public sealed record ServiceAccountQuery
{
    /// <summary>Only accounts of this org.</summary>
    public string? OrgId { get; init; }

    /// <summary>Only accounts of this project.</summary>
    public string? ProjectId { get; init; }

    /// <summary><c>active</c> or <c>disabled</c>.</summary>
    public string? Status { get; init; }

    /// <summary>Page size, 1-200; the gateway's default (50) when <c>null</c>.</summary>
    public int? Limit { get; init; }

    /// <summary>A <see cref="ServiceAccountPage.NextCursor"/> from an earlier page.</summary>
    public string? Cursor { get; init; }
}
