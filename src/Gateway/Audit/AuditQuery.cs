namespace Gateway.Audit;

/// <summary>Filters and position for reading the audit trail, newest first.</summary>
public sealed record AuditQuery
{
    /// <summary>Only events of this principal.</summary>
    public string? PrincipalId { get; init; }

    /// <summary>Only events with this action.</summary>
    public string? Action { get; init; }

    /// <summary>Only events at or after this time.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Page size, 1 to 1000. Default 100.</summary>
    public int Limit { get; init; } = 100;

    /// <summary>Continue after this event (time and id of the last one returned).</summary>
    public (long TimeMs, string Id)? Before { get; init; }
}
