using System.Text.Json.Serialization;
using Gateway.Accounts;

namespace Gateway.Admin.Contracts;

/// <summary>
/// A key as the admin API shows it: never a secret, except <see cref="Token"/> / <see cref="Secret"/> in the one
/// response that creates the key.
/// </summary>
public sealed record KeyResponse(
    string Id,
    string AccountId,
    KeyKind Kind,
    string? Description,
    string Fingerprint,
    IReadOnlyList<string> AllowedCidrs,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt,
    KeyStatus Status)
{
    /// <summary>The key's own rate limit; omitted when none is set.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RateLimit? RateLimit { get; init; }

    /// <summary>The key's own quota; omitted when none is set.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Quota? Quota { get; init; }

    /// <summary>The bearer token; present only in the create/renew response of a bearer key.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Token { get; init; }

    /// <summary>The access key id; present only in the create/renew response of an HMAC key.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? AccessKeyId { get; init; }

    /// <summary>The HMAC secret; present only in the create/renew response of an HMAC key.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Secret { get; init; }

    /// <summary>When a renewal with a grace period revokes this key; <c>null</c> when none is scheduled.</summary>
    public DateTimeOffset? RevokesAt { get; init; }

    /// <summary>The response for a stored key, as of <paramref name="now"/>.</summary>
    public static KeyResponse From(ApiKey key, DateTimeOffset now) => new(
        key.Id, key.AccountId, key.Kind, key.Description, key.Fingerprint, key.AllowedCidrs, key.CreatedAt,
        key.ExpiresAt, key.LastUsedAt, key.RevokedAt, key.StatusAt(now))
    {
        RateLimit = key.RateLimit,
        Quota = key.Quota,
        RevokesAt = key.RevokesAt,
    };

    /// <summary>The one-time response for a key just issued, carrying its secret.</summary>
    public static KeyResponse Issued(IssuedKey issued, DateTimeOffset now) => issued.Key.Kind == KeyKind.Bearer
        ? From(issued.Key, now) with { Token = issued.Secret }
        : From(issued.Key, now) with { AccessKeyId = issued.Key.Id, Secret = issued.Secret };
}
