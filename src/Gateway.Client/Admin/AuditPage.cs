namespace Gateway.Client.Admin;

/// <summary>One page of <c>GET /v1/audit</c>, newest first.</summary>
public sealed record AuditPage
{
    /// <summary>The events of this page.</summary>
    public IReadOnlyList<AuditEntry> Items { get; init; } = [];

    /// <summary>Pass as <see cref="AuditQuery.Cursor"/> for the next (older) page; <c>null</c> on the last page.</summary>
    public string? NextCursor { get; init; }
}
