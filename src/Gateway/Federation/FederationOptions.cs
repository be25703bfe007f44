namespace Gateway.Federation;

/// <summary>
/// <c>Gateway:Federation</c>: workload identity federation — OIDC id_tokens of CI systems (GitHub Actions, GitLab CI)
/// exchanged at <c>POST /.gateway/token</c> for short-lived gateway access tokens. Off until an issuer is listed.
/// </summary>
public sealed class FederationOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Gateway:Federation";

    /// <summary>
    /// The issuers (the exact <c>iss</c> values, e.g. <c>https://token.actions.githubusercontent.com</c>) that trust
    /// policies may name. Only these are ever contacted. Default: none, so exchange is refused for every token.
    /// </summary>
    public List<string> Issuers { get; set; } = [];

    /// <summary>Lifetime of an issued access token when the policy sets no shorter maximum. Default 15 minutes.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = FederationDefaults.AccessTokenLifetime;

    /// <summary>The longest <c>maxTokenLifetime</c> a trust policy may set. Default 1 hour; at most 12 hours.</summary>
    public TimeSpan MaxAccessTokenLifetime { get; set; } = FederationDefaults.MaxAccessTokenLifetime;

    /// <summary>Tolerated clock difference for <c>exp</c>, <c>nbf</c> and <c>iat</c>. Default 60 seconds; at most 5 minutes.</summary>
    public TimeSpan ClockSkew { get; set; } = FederationDefaults.ClockSkew;

    /// <summary>Timeout of each discovery or JWKS request to an issuer. Default 5 seconds.</summary>
    public TimeSpan HttpTimeout { get; set; } = FederationDefaults.HttpTimeout;

    /// <summary>How long a fetched key set is used before it is fetched again. Default 1 hour.</summary>
    public TimeSpan KeySetLifetime { get; set; } = FederationDefaults.KeySetLifetime;

    /// <summary>
    /// Least time between two fetches of one issuer's key set caused by an unknown <c>kid</c>, so forged kids cannot
    /// make the gateway hammer an issuer. Default 30 seconds.
    /// </summary>
    public TimeSpan KeySetRefreshInterval { get; set; } = FederationDefaults.KeySetRefreshInterval;

    /// <summary>
    /// Accept <c>http://</c> issuers and <c>jwks_uri</c>s on loopback addresses (tests, local development). Default
    /// <c>false</c>: issuers and key sets are fetched over HTTPS only.
    /// </summary>
    public bool AllowHttpLoopbackIssuers { get; set; }

    /// <summary>Most trust policies one service account may have. Default 20.</summary>
    public int MaxPoliciesPerAccount { get; set; } = FederationDefaults.MaxPoliciesPerAccount;
}
