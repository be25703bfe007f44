namespace Gateway.Accounts;

/// <summary>Filters and position for listing accounts, ordered by creation time then id.</summary>
public sealed record AccountQuery
{
    /// <summary>Only accounts of this org; <c>null</c> for all.</summary>
    public string? OrgId { get; init; }

    /// <summary>Only accounts of this project; <c>null</c> for all.</summary>
    public string? ProjectId { get; init; }

    /// <summary>Only accounts in this state; <c>null</c> for all.</summary>
    public AccountStatus? Status { get; init; }

    /// <summary>Page size, 1 to <see cref="AccountDefaults.MaxPageSize"/>.</summary>
    public int Limit { get; init; } = AccountDefaults.DefaultPageSize;

    /// <summary>Start after this position; <c>null</c> for the first page.</summary>
    public AccountCursor? After { get; init; }
}
