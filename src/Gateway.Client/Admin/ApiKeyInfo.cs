namespace Gateway.Client.Admin;

/// <summary>A key as the admin API lists it: never a secret.</summary>
public record ApiKeyInfo
{
    /// <summary><c>ak_…</c>; also the access key id of an HMAC key.</summary>
    public required string Id { get; init; }

    /// <summary>The owning account.</summary>
    public required string AccountId { get; init; }

    /// <summary><see cref="KeyKinds.Bearer"/> or <see cref="KeyKinds.Hmac"/>.</summary>
    public required string Kind { get; init; }

    /// <summary>Free text; <c>null</c> when not set.</summary>
    public string? Description { get; init; }

    /// <summary><c>SHA256:</c> and the unpadded base64 SHA-256 of the secret.</summary>
    public required string Fingerprint { get; init; }

    /// <summary>CIDR blocks callers must come from, in addition to the account's.</summary>
    public IReadOnlyList<string> AllowedCidrs { get; init; } = [];

    /// <summary>When the key was issued.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the key stops working; <c>null</c> for never.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Last successful use; <c>null</c> when never used.</summary>
    public DateTimeOffset? LastUsedAt { get; init; }

    /// <summary>When the key was revoked; <c>null</c> while not.</summary>
    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>When a renewal with a grace period revokes this key; <c>null</c> when none is scheduled.</summary>
    public DateTimeOffset? RevokesAt { get; init; }

    /// <summary><c>active</c>, <c>expired</c> or <c>revoked</c>.</summary>
    public required string Status { get; init; }

    /// <summary>The key's own rate limit; <c>null</c> when none is set.</summary>
    public RateLimitSpec? RateLimit { get; init; }

    /// <summary>The key's own quota; <c>null</c> when none is set.</summary>
    public QuotaSpec? Quota { get; init; }
}
