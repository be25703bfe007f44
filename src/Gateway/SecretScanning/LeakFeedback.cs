using System.Text.Json.Serialization;

namespace Gateway.SecretScanning;

/// <summary>The answer for one reported token, in GitHub's feedback format.</summary>
/// <param name="TokenRaw">The token as reported (GitHub's own value, echoed so it can match the answer).</param>
/// <param name="TokenType">The reported type.</param>
/// <param name="Label"><c>true_positive</c> (a real key of this gateway, now revoked) or <c>false_positive</c>.</param>
public sealed record LeakFeedback(
    [property: JsonPropertyName("token_raw")] string TokenRaw,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("label")] string Label)
{
    /// <summary>The token is a live or revoked key of this gateway.</summary>
    public const string TruePositive = "true_positive";

    /// <summary>The token is malformed, unknown or its secret does not match.</summary>
    public const string FalsePositive = "false_positive";
}
