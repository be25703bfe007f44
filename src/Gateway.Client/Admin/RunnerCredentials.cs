using System.Text.Json.Serialization;

namespace Gateway.Client.Admin;

/// <summary>
/// The runner credentials document (version 1): the runner's account and its one working key, with the key's
/// secret. Serialised with <see cref="ClientJson.Options"/> it has the gateway's exact shape. <see cref="ToString"/>
/// leaves the secret out.
/// </summary>
public sealed record RunnerCredentials
{
    /// <summary>Document format version.</summary>
    public int Version { get; init; } = 1;

    /// <summary>The proxy base URL; <c>null</c> when the gateway could not tell.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Server { get; init; }

    /// <summary>The runner.</summary>
    public required string RunnerId { get; init; }

    /// <summary>The runner's account, <c>sa_…</c>.</summary>
    public required string AccountId { get; init; }

    /// <summary><c>runner-&lt;runnerId&gt;</c>.</summary>
    public required string AccountName { get; init; }

    /// <summary>The account's org.</summary>
    public required string OrgId { get; init; }

    /// <summary>The account's project; <c>null</c> for an org-wide account.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? ProjectId { get; init; }

    /// <summary>The key, <c>ak_…</c>.</summary>
    public required string KeyId { get; init; }

    /// <summary><see cref="KeyKinds.Hmac"/> or <see cref="KeyKinds.Bearer"/>.</summary>
    public required string Kind { get; init; }

    /// <summary>The access key id (HMAC keys).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? AccessKeyId { get; init; }

    /// <summary>The HMAC secret (HMAC keys).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Secret { get; init; }

    /// <summary>The bearer token (bearer keys).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Token { get; init; }

    /// <summary>When the key was issued.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The document without its secret.</summary>
    public override string ToString() =>
        $"RunnerCredentials {{ RunnerId = {RunnerId}, AccountId = {AccountId}, KeyId = {KeyId}, Kind = {Kind} }}";
}
