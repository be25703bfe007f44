namespace Gateway.Accounts;

/// <summary>
/// A credential owned by a service account. The secret itself is never kept: a bearer key keeps a keyed hash of
/// its token, an HMAC key keeps its secret encrypted at rest.
/// </summary>
public sealed record ApiKey
{
    /// <summary>Public identifier, <c>ak_</c> followed by 16 base62 characters; also the HMAC access key id.</summary>
    public required string Id { get; init; }

    /// <summary>The owning account's id.</summary>
    public required string AccountId { get; init; }

    /// <summary>Bearer token or HMAC signing key.</summary>
    public required KeyKind Kind { get; init; }

    /// <summary>Free text for operators; <c>null</c> when not set.</summary>
    public string? Description { get; init; }

    /// <summary><c>SHA256:</c> and the unpadded base64 SHA-256 of the issued secret; safe to display and log.</summary>
    public required string Fingerprint { get; init; }

    /// <summary>HMAC-SHA-256 of the bearer token under the server's token-hash key; empty for HMAC keys.</summary>
    public required byte[] SecretHash { get; init; }

    /// <summary>AES-GCM sealed HMAC secret; empty for bearer keys.</summary>
    public byte[] EncryptedSecret { get; init; } = [];

    /// <summary>CIDR blocks the caller's IP must fall in, in addition to the account's; empty means any.</summary>
    public required IReadOnlyList<string> AllowedCidrs { get; init; }

    /// <summary>When the key was issued (millisecond precision).</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The instant from which the key no longer authenticates; <c>null</c> for no expiry.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Last successful use, updated in batches; <c>null</c> when never used.</summary>
    public DateTimeOffset? LastUsedAt { get; init; }

    /// <summary>When the key was revoked; <c>null</c> while not revoked.</summary>
    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>A rate limit of this key alone, within its account's; <c>null</c> for none.</summary>
    public RateLimit? RateLimit { get; init; }

    /// <summary>A quota of this key alone, within its account's; <c>null</c> for none.</summary>
    public Quota? Quota { get; init; }

    /// <summary>
    /// When a renewal with a grace period revokes this key; <c>null</c> when none is scheduled. From this instant the
    /// key counts as revoked even before the scheduler has written <see cref="RevokedAt"/>.
    /// </summary>
    public DateTimeOffset? RevokesAt { get; init; }

    /// <summary>The key's state at <paramref name="now"/>: revoked (or due for its scheduled revocation) wins over expired.</summary>
    public KeyStatus StatusAt(DateTimeOffset now) =>
        RevokedAt is not null || (RevokesAt is { } due && due <= now) ? KeyStatus.Revoked
        : ExpiresAt is { } expires && expires <= now ? KeyStatus.Expired
        : KeyStatus.Active;
}
