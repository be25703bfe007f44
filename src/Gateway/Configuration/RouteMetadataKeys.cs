namespace Gateway.Configuration;

/// <summary>Keys a route may set in its <c>yarp.json</c> <c>Metadata</c>. Published constants.</summary>
public static class RouteMetadataKeys
{
    /// <summary><c>true</c> to forward the caller's own credentials upstream. Default <c>false</c>: they are removed.</summary>
    public const string ForwardCredentials = "Gateway.ForwardCredentials";

    /// <summary>
    /// <c>true</c> to accept AWS SigV4 requests whose <c>X-Amz-Content-Sha256</c> is <c>UNSIGNED-PAYLOAD</c> (the
    /// body is then not bound to the signature). Default <c>false</c>.
    /// </summary>
    public const string AllowUnsignedPayload = "Gateway.AllowUnsignedPayload";

    /// <summary>Space-separated scopes the principal must all hold, e.g. <c>builds:read builds:execute</c>. Default none.</summary>
    public const string RequiredScopes = "Gateway.RequiredScopes";

    /// <summary>Name of the route value that carries the project (e.g. <c>project</c> for <c>/projects/{project}/…</c>).</summary>
    public const string ProjectRouteValue = "Gateway.ProjectRouteValue";

    /// <summary>Name of the route value that carries the org (e.g. <c>org</c> for <c>/orgs/{org}/…</c>).</summary>
    public const string OrgRouteValue = "Gateway.OrgRouteValue";

    /// <summary>
    /// <c>true</c> to add the signed <c>X-Gateway-Identity</c> token for authenticated callers, <c>false</c> to leave
    /// it off. Default: <c>Gateway:IdentityToken:Enabled</c> (docs/IDENTITY-TOKEN.md).
    /// </summary>
    public const string IdentityToken = "Gateway.IdentityToken";

    /// <summary>The identity token's <c>aud</c> claim on this route. Default: the route's cluster id.</summary>
    public const string IdentityAudience = "Gateway.IdentityAudience";

    /// <summary>
    /// A default rate limit per account on this route, for accounts that set none (<c>600/min</c>, <c>10/s;burst=20</c>;
    /// docs/RATE-LIMITS.md).
    /// </summary>
    public const string RateLimitDefault = "Gateway.RateLimit.Default";

    /// <summary>A rate limit per account on this route that applies whatever the account's own limit (same syntax).</summary>
    public const string RateLimitCeiling = "Gateway.RateLimit.Ceiling";

    /// <summary>Every key a route's metadata may use; any other key is a configuration error.</summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        ForwardCredentials, AllowUnsignedPayload, RequiredScopes, ProjectRouteValue, OrgRouteValue,
        IdentityToken, IdentityAudience, RateLimitDefault, RateLimitCeiling,
    };
}
