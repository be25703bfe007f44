namespace Gateway.IdentityToken;

/// <summary>
/// <c>Gateway:IdentityToken</c>: the signed <c>X-Gateway-Identity</c> token (ES256 JWS) the gateway adds to forwarded
/// requests, and its signing keys (docs/IDENTITY-TOKEN.md).
/// </summary>
public sealed class IdentityTokenOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Gateway:IdentityToken";

    /// <summary>Issuer used when neither <see cref="Issuer"/> nor <c>Gateway:PublicUrl</c> is configured.</summary>
    public const string FallbackIssuer = "urn:gateway";

    /// <summary>
    /// Adds the token on every route that does not set <c>Gateway.IdentityToken</c> itself. Default <c>false</c>:
    /// only routes with <c>Gateway.IdentityToken: true</c> get it.
    /// </summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// The <c>iss</c> claim and the discovery document's <c>issuer</c>. Default: <c>Gateway:PublicUrl</c>, else
    /// <c>urn:gateway</c>. An absolute URI (http(s) without query or fragment when it is a URL).
    /// </summary>
    public string? Issuer { get; set; }

    /// <summary>
    /// The <c>jwks_uri</c> the discovery document publishes (an absolute http(s) URL), for when verifiers reach the
    /// status listener through a fixed address. Default: built from the scheme and host of the discovery request.
    /// </summary>
    public string? JwksUri { get; set; }

    /// <summary>How long a token is valid (<c>exp</c> − <c>iat</c>). Default 5 minutes; 30 seconds to 1 hour.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary><c>Cache-Control: max-age</c> of the JWKS and discovery documents. Default 5 minutes; 0 to 1 day.</summary>
    public TimeSpan JwksMaxAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How often a replica re-reads the shared key set (redis mode; rotations are also announced over pub/sub) and
    /// removes retired keys whose tokens have all expired. Default 30 seconds; 1 second to 10 minutes.
    /// </summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(30);
}
