namespace Gateway.Client.Admin;

/// <summary>Body of <c>POST /v1/service-accounts</c>.</summary>
public sealed record NewServiceAccount
{
    /// <summary>Required; 1-64 of <c>[A-Za-z0-9._-]</c>, unique in the org.</summary>
    public required string Name { get; init; }

    /// <summary>Optional free text, up to 1024 characters.</summary>
    public string? Description { get; init; }

    /// <summary>Required org id.</summary>
    public required string OrgId { get; init; }

    /// <summary>Optional project; <c>null</c> for an org-wide account.</summary>
    public string? ProjectId { get; init; }

    /// <summary>Role names; <c>null</c> for none.</summary>
    public IReadOnlyList<string>? Roles { get; init; }

    /// <summary>CIDR blocks callers must come from; <c>null</c> for any.</summary>
    public IReadOnlyList<string>? AllowedCidrs { get; init; }

    /// <summary>The account's rate limit; <c>null</c> when none is set.</summary>
    public RateLimitSpec? RateLimit { get; init; }

    /// <summary>The account's quota; <c>null</c> when none is set.</summary>
    public QuotaSpec? Quota { get; init; }
}
