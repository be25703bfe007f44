using System.Text.Json.Nodes;

namespace Gateway.Client.Admin;

/// <summary>
/// Body of <c>PATCH /v1/service-accounts/{id}/keys/{keyId}</c>: only the members set here are sent and changed.
/// </summary>
public sealed record ApiKeyChanges
{
    /// <summary>A new description; see <see cref="ClearDescription"/> to remove it.</summary>
    public string? Description { get; init; }

    /// <summary>When <c>true</c>, sends <c>"description": null</c>, removing the description.</summary>
    public bool ClearDescription { get; init; }

    /// <summary>A new rate limit; see <see cref="ClearRateLimit"/> to remove it.</summary>
    public RateLimitSpec? RateLimit { get; init; }

    /// <summary>When <c>true</c>, sends <c>"rateLimit": null</c>, removing the key's rate limit.</summary>
    public bool ClearRateLimit { get; init; }

    /// <summary>A new quota; see <see cref="ClearQuota"/> to remove it.</summary>
    public QuotaSpec? Quota { get; init; }

    /// <summary>When <c>true</c>, sends <c>"quota": null</c>, removing the key's quota.</summary>
    public bool ClearQuota { get; init; }

    /// <summary>The JSON body: only the members that change (the same encoding as an account's).</summary>
    public JsonObject ToJson() => new ServiceAccountChanges
    {
        Description = Description,
        ClearDescription = ClearDescription,
        RateLimit = RateLimit,
        ClearRateLimit = ClearRateLimit,
        Quota = Quota,
        ClearQuota = ClearQuota,
    }.ToJson();
}
