namespace Gateway.Accounts;

/// <summary>What the caller asks for when creating a key; already validated.</summary>
/// <param name="Kind">Bearer token or HMAC key.</param>
/// <param name="Description">Free text; <c>null</c> when not set.</param>
/// <param name="ExpiresAt">Expiry; <c>null</c> for none.</param>
/// <param name="AllowedCidrs">Normalised CIDR blocks; empty for any address.</param>
/// <param name="RateLimit">The key's own rate limit; <c>null</c> for none.</param>
/// <param name="Quota">The key's own quota; <c>null</c> for none.</param>
public sealed record KeySpec(KeyKind Kind, string? Description, DateTimeOffset? ExpiresAt, IReadOnlyList<string> AllowedCidrs,
    RateLimit? RateLimit = null, Quota? Quota = null);
