using System.Text.Json.Serialization;

namespace Gateway.SecretScanning;

/// <summary>One token of a GitHub secret-scanning report.</summary>
/// <param name="Token">The token found, as found.</param>
/// <param name="Type">The token type the provider registered (e.g. <c>gateway_api_key</c>).</param>
/// <param name="Url">Where GitHub found it (a commit, file, issue or gist URL).</param>
/// <param name="Source">Where on GitHub: <c>content</c>, <c>commit</c>, <c>pull_request_comment</c>, …</param>
public sealed record LeakReportItem(
    [property: JsonPropertyName("token")] string? Token,
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("source")] string? Source);
