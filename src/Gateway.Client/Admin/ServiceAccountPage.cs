namespace Gateway.Client.Admin;

/// <summary>One page of <c>GET /v1/service-accounts</c>.</summary>
public sealed record ServiceAccountPage
{
    /// <summary>The accounts of this page, in creation order.</summary>
    public IReadOnlyList<ServiceAccount> Items { get; init; } = [];

    /// <summary>Pass as <see cref="ServiceAccountQuery.Cursor"/> for the next page; <c>null</c> on the last page.</summary>
    public string? NextCursor { get; init; }
}
