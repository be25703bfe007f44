using System.Text.Json.Serialization;

namespace Gateway.Client.Admin;

/// <summary>
/// A key just created or renewed: the key and its secret, which the gateway shows this once. <see cref="ToString"/>
/// leaves the secret out.
/// </summary>
public sealed record IssuedApiKey : ApiKeyInfo
{
    /// <summary>The bearer token (bearer keys).</summary>
    [JsonPropertyOrder(1), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Token { get; init; }

    /// <summary>The access key id (HMAC keys).</summary>
    [JsonPropertyOrder(1), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? AccessKeyId { get; init; }

    /// <summary>The HMAC secret (HMAC keys).</summary>
    [JsonPropertyOrder(1), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Secret { get; init; }

    /// <summary>The key without its secret.</summary>
    public override string ToString() => $"IssuedApiKey {{ Id = {Id}, AccountId = {AccountId}, Kind = {Kind}, Fingerprint = {Fingerprint} }}";
}
