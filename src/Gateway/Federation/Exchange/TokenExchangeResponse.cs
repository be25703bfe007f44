using System.Text.Json.Serialization;

namespace Gateway.Federation.Exchange;

/// <summary>The RFC 8693 §2.2.1 success answer of <c>POST /.gateway/token</c>.</summary>
/// <param name="AccessToken">The gateway access token (<c>gwf_…</c>).</param>
/// <param name="IssuedTokenType">Always <c>urn:ietf:params:oauth:token-type:access_token</c>.</param>
/// <param name="TokenType">Always <c>Bearer</c>.</param>
/// <param name="ExpiresIn">Seconds until it expires.</param>
public sealed record TokenExchangeResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("issued_token_type")] string IssuedTokenType,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] long ExpiresIn);
