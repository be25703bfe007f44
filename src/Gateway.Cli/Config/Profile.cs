using System.Text.Json.Serialization;

namespace Gateway.Cli.Config;

/// <summary>
/// One saved login: where the gateway is and the credential to use, either an API key or an HMAC key.
/// <see cref="ToString"/> leaves the secret out.
/// </summary>
public sealed record Profile
{
    /// <summary>The proxy listener's base URL (requests, <c>auth who</c>).</summary>
    public required string Server { get; init; }

    /// <summary>The admin listener's base URL (service accounts, keys, runners).</summary>
    public required string AdminServer { get; init; }

    /// <summary>A bearer API key (<c>gwk_…</c>); <c>null</c> for an HMAC profile.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ApiKey { get; init; }

    /// <summary>The HMAC key's access key id (<c>ak_…</c>); <c>null</c> for a bearer profile.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? AccessKeyId { get; init; }

    /// <summary>The HMAC secret (<c>gws_…</c>); <c>null</c> for a bearer profile.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Secret { get; init; }

    /// <summary><see cref="CredentialKinds.Hmac"/> when the profile holds an HMAC key, else <see cref="CredentialKinds.Bearer"/>.</summary>
    [JsonIgnore]
    public string CredentialKind => AccessKeyId is not null ? CredentialKinds.Hmac : CredentialKinds.Bearer;

    /// <summary>
    /// The key id of the credential, which is not secret: the access key id, or the id embedded in the API key
    /// (<c>gwk_&lt;16&gt;_…</c> → <c>ak_&lt;16&gt;</c>); <c>null</c> when it cannot be told.
    /// </summary>
    [JsonIgnore]
    public string? KeyId => AccessKeyId ?? KeyIdOf(ApiKey);

    /// <summary>The key id embedded in a <c>gwk_</c> token, or <c>null</c>.</summary>
    public static string? KeyIdOf(string? token) =>
        token is { Length: > 21 } && token.StartsWith("gwk_", StringComparison.Ordinal) && token[20] == '_'
            ? "ak_" + token[4..20]
            : null;

    /// <summary>The profile without its secret.</summary>
    public override string ToString() => $"Profile {{ Server = {Server}, AdminServer = {AdminServer}, Credential = {CredentialKind}, KeyId = {KeyId} }}";
}
