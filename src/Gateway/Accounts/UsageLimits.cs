using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gateway.Accounts;

/// <summary>
/// The rate limit and quota of an account or key, as both stores keep them: one JSON value (SQLite column
/// <c>limits</c>, Redis hash field <c>limits</c>); absent or empty when neither is set.
/// </summary>
/// <param name="RateLimit">The rate, or <c>null</c>.</param>
/// <param name="Quota">The quota, or <c>null</c>.</param>
public sealed record UsageLimits(RateLimit? RateLimit, Quota? Quota)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The stored form, or <c>null</c> when nothing is set.</summary>
    public static string? Serialize(RateLimit? rateLimit, Quota? quota) =>
        rateLimit is null && quota is null ? null : JsonSerializer.Serialize(new UsageLimits(rateLimit, quota), Json);

    /// <summary>Reads the stored form; <c>null</c> or empty gives no limits.</summary>
    public static UsageLimits Parse(string? stored) =>
        string.IsNullOrEmpty(stored) ? new UsageLimits(null, null) : JsonSerializer.Deserialize<UsageLimits>(stored, Json) ?? new UsageLimits(null, null);
}
