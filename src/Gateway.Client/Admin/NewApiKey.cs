namespace Gateway.Client.Admin;

/// <summary>Body of <c>POST /v1/service-accounts/{id}/keys</c>; every member is optional.</summary>
public sealed record NewApiKey
{
    /// <summary><see cref="KeyKinds.Bearer"/> (the gateway's default) or <see cref="KeyKinds.Hmac"/>.</summary>
    public string? Kind { get; init; }

    /// <summary>Free text, up to 1024 characters.</summary>
    public string? Description { get; init; }

    /// <summary>When the key stops working; must be in the future.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>CIDR blocks callers must come from, in addition to the account's.</summary>
    public IReadOnlyList<string>? AllowedCidrs { get; init; }

    /// <summary>The key's own rate limit; <c>null</c> when none is set.</summary>
    public RateLimitSpec? RateLimit { get; init; }

    /// <summary>The key's own quota; <c>null</c> when none is set.</summary>
    public QuotaSpec? Quota { get; init; }
}
