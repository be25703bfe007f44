namespace Gateway.Admin.Contracts;

/// <summary>Body of <c>POST /v1/service-accounts</c>.</summary>
public sealed record CreateServiceAccountRequest
{
    /// <summary>Required; 1-64 of <c>[A-Za-z0-9._-]</c>, unique in the org.</summary>
    public string? Name { get; init; }

    /// <summary>Optional, up to 1024 characters.</summary>
    public string? Description { get; init; }

    /// <summary>Required org id.</summary>
    public string? OrgId { get; init; }

    /// <summary>Optional project id; omit for an org-wide account.</summary>
    public string? ProjectId { get; init; }

    /// <summary>Role names; default none.</summary>
    public string[]? Roles { get; init; }

    /// <summary>CIDR blocks the caller must come from; default any.</summary>
    public string[]? AllowedCidrs { get; init; }

    /// <summary>Optional request rate limit of the account, e.g. <c>{"requestsPerMinute": 600, "burst": 50}</c>.</summary>
    public Gateway.Accounts.RateLimit? RateLimit { get; init; }

    /// <summary>Optional quota of the account, e.g. <c>{"perDay": 10000}</c>.</summary>
    public Gateway.Accounts.Quota? Quota { get; init; }
}
