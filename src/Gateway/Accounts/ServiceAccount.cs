namespace Gateway.Accounts;

/// <summary>
/// A non-human principal (CI/CD pipeline, runner, backend job) that owns API keys.
/// Immutable; changes produce a new instance through <c>with</c>.
/// </summary>
public sealed record ServiceAccount
{
    /// <summary>Identifier, <c>sa_</c> followed by 16 base62 characters.</summary>
    public required string Id { get; init; }

    /// <summary>Name, unique within <see cref="OrgId"/>; immutable after creation.</summary>
    public required string Name { get; init; }

    /// <summary>Free text for operators; <c>null</c> when not set.</summary>
    public string? Description { get; init; }

    /// <summary>The organisation the account belongs to.</summary>
    public required string OrgId { get; init; }

    /// <summary>The single project the account is confined to; <c>null</c> for an org-wide account.</summary>
    public string? ProjectId { get; init; }

    /// <summary>Role names; their scopes make up the account's effective scopes.</summary>
    public required IReadOnlyList<string> Roles { get; init; }

    /// <summary>CIDR blocks the caller's IP must fall in; empty means any address.</summary>
    public required IReadOnlyList<string> AllowedCidrs { get; init; }

    /// <summary>Whether the account's keys authenticate.</summary>
    public required AccountStatus Status { get; init; }

    /// <summary>When the account was created (millisecond precision).</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the account was last changed (millisecond precision).</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The account's request rate limit (all its keys together); <c>null</c> for none.</summary>
    public RateLimit? RateLimit { get; init; }

    /// <summary>The account's request quota (all its keys together); <c>null</c> for none.</summary>
    public Quota? Quota { get; init; }
}
