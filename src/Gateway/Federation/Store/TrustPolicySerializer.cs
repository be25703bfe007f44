using System.Text.Json;
using Gateway.Federation.Policies;

namespace Gateway.Federation.Store;

/// <summary>The stored form of a trust policy: one JSON document (same in both stores).</summary>
public static class TrustPolicySerializer
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>The JSON of <paramref name="policy"/>.</summary>
    public static string Serialize(TrustPolicy policy) => JsonSerializer.Serialize(policy, Options);

    /// <summary>The policy stored as <paramref name="json"/>.</summary>
    public static TrustPolicy Deserialize(string json) =>
        JsonSerializer.Deserialize<TrustPolicy>(json, Options) ?? throw new JsonException("A stored trust policy is null.");
}
