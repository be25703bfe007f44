using System.Text.Json.Serialization;
using Gateway.Accounts;
using Gateway.Admin.Runners;

namespace Gateway.Admin.Contracts;

/// <summary>
/// The credentials document returned by <c>POST /v1/runners/{runnerId}/credentials</c> (and written to disk by
/// <c>gatewayctl runner credentials --out</c>). Its shape is stable; <see cref="Version"/> changes if it ever must.
/// It carries the key's secret: <see cref="Token"/> (bearer) or <see cref="AccessKeyId"/> and <see cref="Secret"/> (hmac).
/// </summary>
public sealed record RunnerCredentialsDocument
{
    /// <summary>The document format version: <c>1</c>.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Format version, always <see cref="CurrentVersion"/>.</summary>
    public int Version { get; init; } = CurrentVersion;

    /// <summary>The proxy base URL the runner calls; omitted when the gateway cannot tell.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Server { get; init; }

    /// <summary>The runner id from the path.</summary>
    public required string RunnerId { get; init; }

    /// <summary>The runner's service account, <c>sa_…</c>; the same across regenerations.</summary>
    public required string AccountId { get; init; }

    /// <summary>The account's name, <c>runner-&lt;runnerId&gt;</c>.</summary>
    public required string AccountName { get; init; }

    /// <summary>The account's org.</summary>
    public required string OrgId { get; init; }

    /// <summary>The account's project; <c>null</c> for an org-wide account.</summary>
    public string? ProjectId { get; init; }

    /// <summary>The new key's id, <c>ak_…</c>.</summary>
    public required string KeyId { get; init; }

    /// <summary><c>hmac</c> or <c>bearer</c>.</summary>
    public required KeyKind Kind { get; init; }

    /// <summary>The access key id for signed requests (hmac keys only; equals <see cref="KeyId"/>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? AccessKeyId { get; init; }

    /// <summary>The HMAC secret (hmac keys only), shown this once.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Secret { get; init; }

    /// <summary>The bearer token (bearer keys only), shown this once.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Token { get; init; }

    /// <summary>When the key was issued.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The document for <paramref name="issued"/>, naming <paramref name="server"/> when known.</summary>
    public static RunnerCredentialsDocument From(RunnerCredentials issued, string? server)
    {
        var key = issued.Key.Key;
        var hmac = key.Kind == KeyKind.Hmac;
        return new RunnerCredentialsDocument
        {
            Server = server,
            RunnerId = issued.RunnerId,
            AccountId = issued.Account.Id,
            AccountName = issued.Account.Name,
            OrgId = issued.Account.OrgId,
            ProjectId = issued.Account.ProjectId,
            KeyId = key.Id,
            Kind = key.Kind,
            AccessKeyId = hmac ? key.Id : null,
            Secret = hmac ? issued.Key.Secret : null,
            Token = hmac ? null : issued.Key.Secret,
            CreatedAt = key.CreatedAt,
        };
    }

    /// <summary>Leaves the secret out, so that logging the document cannot leak it.</summary>
    public override string ToString() =>
        $"RunnerCredentialsDocument {{ RunnerId = {RunnerId}, AccountId = {AccountId}, KeyId = {KeyId}, Kind = {Kind} }}";
}
