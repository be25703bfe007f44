namespace Gateway.Federation;

/// <summary>Defaults and fixed limits of workload identity federation.</summary>
public static class FederationDefaults
{
    /// <summary>Default access token lifetime: 15 minutes.</summary>
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromMinutes(15);

    /// <summary>Default ceiling of a policy's <c>maxTokenLifetime</c>: 1 hour.</summary>
    public static readonly TimeSpan MaxAccessTokenLifetime = TimeSpan.FromHours(1);

    /// <summary>Default clock skew: 60 seconds.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(60);

    /// <summary>Default issuer request timeout: 5 seconds.</summary>
    public static readonly TimeSpan HttpTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Default key set lifetime: 1 hour.</summary>
    public static readonly TimeSpan KeySetLifetime = TimeSpan.FromHours(1);

    /// <summary>Default least interval between unknown-kid refreshes: 30 seconds.</summary>
    public static readonly TimeSpan KeySetRefreshInterval = TimeSpan.FromSeconds(30);

    /// <summary>Default policies per account: 20.</summary>
    public const int MaxPoliciesPerAccount = 20;

    /// <summary>Shortest <c>maxTokenLifetime</c> a policy may set: 60 seconds.</summary>
    public static readonly TimeSpan MinPolicyLifetime = TimeSpan.FromSeconds(60);

    /// <summary>Largest discovery document or key set read from an issuer: 64 KiB.</summary>
    public const int MaxDocumentBytes = 64 * 1024;

    /// <summary>Longest <c>subject_token</c> examined: 16 KiB.</summary>
    public const int MaxSubjectTokenLength = 16 * 1024;

    /// <summary>Largest token exchange request body: 32 KiB.</summary>
    public const int MaxRequestBytes = 32 * 1024;

    /// <summary>The <c>X-Gateway-Auth-Scheme</c> value of requests authenticated with a federated access token.</summary>
    public const string AuthScheme = "oidc-federation";

    /// <summary>The authentication scheme (handler) name.</summary>
    public const string AuthenticationScheme = "Federation";

    /// <summary>The token exchange endpoint on the proxy listener.</summary>
    public const string TokenPath = "/.gateway/token";

    /// <summary>RFC 8693 grant type.</summary>
    public const string TokenExchangeGrant = "urn:ietf:params:oauth:grant-type:token-exchange";

    /// <summary>RFC 8693 token type of an OIDC id_token.</summary>
    public const string IdTokenType = "urn:ietf:params:oauth:token-type:id_token";

    /// <summary>RFC 8693 token type of the issued access token.</summary>
    public const string AccessTokenType = "urn:ietf:params:oauth:token-type:access_token";

    /// <summary>The nonce-store key id under which id_token <c>jti</c>s are reserved.</summary>
    public const string NonceKeyId = "oidc";
}
