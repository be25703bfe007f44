using System.Text.Json.Nodes;

namespace Gateway.Client.Admin;

/// <summary>
/// Body of <c>PATCH /v1/service-accounts/{id}</c>: only the members set here are sent and changed.
/// </summary>
public sealed record ServiceAccountChanges
{
    /// <summary>A new description; see <see cref="ClearDescription"/> to remove it.</summary>
    public string? Description { get; init; }

    /// <summary>When <c>true</c>, sends <c>"description": null</c>, removing the description.</summary>
    public bool ClearDescription { get; init; }

    /// <summary>The new role set.</summary>
    public IReadOnlyList<string>? Roles { get; init; }

    /// <summary>The new CIDR list.</summary>
    public IReadOnlyList<string>? AllowedCidrs { get; init; }

    /// <summary><c>active</c> or <c>disabled</c>.</summary>
    public string? Status { get; init; }

    /// <summary>A new rate limit; see <see cref="ClearRateLimit"/> to remove it.</summary>
    public RateLimitSpec? RateLimit { get; init; }

    /// <summary>When <c>true</c>, sends <c>"rateLimit": null</c>, removing the account's rate limit.</summary>
    public bool ClearRateLimit { get; init; }

    /// <summary>A new quota; see <see cref="ClearQuota"/> to remove it.</summary>
    public QuotaSpec? Quota { get; init; }

    /// <summary>When <c>true</c>, sends <c>"quota": null</c>, removing the account's quota.</summary>
    public bool ClearQuota { get; init; }

    /// <summary>The JSON body: only the members that change.</summary>
    public JsonObject ToJson()
    {
        var body = new JsonObject();
        if (ClearDescription)
        {
            body["description"] = null;
        }
        else if (Description is not null)
        {
            body["description"] = Description;
        }

        if (Roles is not null)
        {
            body["roles"] = new JsonArray(Roles.Select(r => (JsonNode?)JsonValue.Create(r)).ToArray());
        }

        if (AllowedCidrs is not null)
        {
            body["allowedCidrs"] = new JsonArray(AllowedCidrs.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray());
        }

        if (Status is not null)
        {
            body["status"] = Status;
        }

        if (ClearRateLimit || RateLimit is not null)
        {
            body["rateLimit"] = RateLimit is null ? null : System.Text.Json.JsonSerializer.SerializeToNode(RateLimit, ClientJson.Options);
        }

        if (ClearQuota || Quota is not null)
        {
            body["quota"] = Quota is null ? null : System.Text.Json.JsonSerializer.SerializeToNode(Quota, ClientJson.Options);
        }

        return body;
    }
}
