namespace Gateway.Authentication;

/// <summary>Names of the gateway's authentication schemes and the challenges they advertise.</summary>
public static class GatewayAuthenticationDefaults
{
    /// <summary>The policy scheme every route and admin call authenticates with; it forwards to the handler that fits the request.</summary>
    public const string PolicyScheme = "Gateway";

    /// <summary>The bearer API key handler (<c>Authorization: Bearer gwk_…</c> or <c>X-API-Key</c>).</summary>
    public const string ApiKeyScheme = "ApiKey";

    /// <summary>The signed-request handler (RFC 9421 <c>Signature-Input</c> or <c>Authorization: AWS4-HMAC-SHA256</c>).</summary>
    public const string SignatureScheme = "Signature";

    /// <summary>The alternative header for bearer tokens.</summary>
    public const string ApiKeyHeader = "X-API-Key";

    /// <summary>Longest credential header value examined; anything longer is malformed without further parsing.</summary>
    public const int MaxCredentialLength = 8192;
}
