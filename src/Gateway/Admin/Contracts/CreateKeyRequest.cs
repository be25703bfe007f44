namespace Gateway.Admin.Contracts;

/// <summary>Body of <c>POST /v1/service-accounts/{id}/keys</c>.</summary>
public sealed record CreateKeyRequest
{
    /// <summary><c>bearer</c> (default) or <c>hmac</c>.</summary>
    public string? Kind { get; init; }

    /// <summary>Optional, up to 1024 characters.</summary>
    public string? Description { get; init; }

    /// <summary>Optional expiry (RFC 3339); must be in the future.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>CIDR blocks, in addition to the account's; default any.</summary>
    public string[]? AllowedCidrs { get; init; }

    /// <summary>Optional request rate limit of the key, e.g. <c>{"requestsPerMinute": 600, "burst": 50}</c>.</summary>
    public Gateway.Accounts.RateLimit? RateLimit { get; init; }

    /// <summary>Optional quota of the key, e.g. <c>{"perDay": 10000}</c>.</summary>
    public Gateway.Accounts.Quota? Quota { get; init; }
}
