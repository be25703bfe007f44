namespace Gateway.Client.Admin;

/// <summary>A service account as the admin API shows it.</summary>
public sealed record ServiceAccount
{
    /// <summary><c>sa_…</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Unique within the org.</summary>
    public required string Name { get; init; }

    /// <summary>Free text; <c>null</c> when not set.</summary>
    public string? Description { get; init; }

    /// <summary>The owning org.</summary>
    public required string OrgId { get; init; }

    /// <summary>The project; <c>null</c> for an org-wide account.</summary>
    public string? ProjectId { get; init; }

    /// <summary>Role names.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>CIDR blocks callers must come from; empty for any.</summary>
    public IReadOnlyList<string> AllowedCidrs { get; init; } = [];

    /// <summary><c>active</c> or <c>disabled</c>.</summary>
    public required string Status { get; init; }

    /// <summary>When the account was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the account was last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The account's rate limit; <c>null</c> when none is set.</summary>
    public RateLimitSpec? RateLimit { get; init; }

    /// <summary>The account's quota; <c>null</c> when none is set.</summary>
    public QuotaSpec? Quota { get; init; }
}
