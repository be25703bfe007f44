using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features.Authentication;

namespace Gateway.Authentication;

/// <summary>The authenticated caller as forwarded upstream and returned by <c>/.gateway/whoami</c>.</summary>
public sealed record GatewayIdentity
{
    /// <summary><c>sa_…</c>.</summary>
    public required string PrincipalId { get; init; }

    /// <summary><c>service_account</c> or <c>user</c>.</summary>
    public required string PrincipalType { get; init; }

    /// <summary>The account's name.</summary>
    public required string Name { get; init; }

    /// <summary>The account's org.</summary>
    public required string OrgId { get; init; }

    /// <summary>The account's project; <c>null</c> for org-wide accounts.</summary>
    public string? ProjectId { get; init; }

    /// <summary>The key used.</summary>
    public required string KeyId { get; init; }

    /// <summary><c>api-key</c>, <c>rfc9421</c> or <c>aws-sigv4</c>.</summary>
    public required string AuthScheme { get; init; }

    /// <summary>Effective scope patterns.</summary>
    public required IReadOnlyList<string> Scopes
    {
        get;
        init
        {
            field = value;
            ScopeList = null; // a copy made with other scopes (`with { Scopes = … }`) must not keep the old list
        }
    }

    /// <summary>
    /// <see cref="Scopes"/> as the space-separated <c>X-Gateway-Scopes</c> value, joined once with the identity (an
    /// identity built by <see cref="FromClaims"/> is shared by every request of its credential); <c>null</c> on
    /// identities built elsewhere or copied with other scopes, whose readers join <see cref="Scopes"/> themselves.
    /// </summary>
    internal string? ScopeList { get; init; }

    /// <summary>
    /// The identity of the request's authenticated caller, derived from its claims once and then kept on the
    /// request's features; <c>null</c> while the request is anonymous (nothing is kept then).
    /// </summary>
    public static GatewayIdentity? Of(HttpContext context)
    {
        if (context.Features.Get<GatewayIdentity>() is { } kept)
        {
            return kept;
        }

        // The authentication feature's user, not HttpContext.User: reading that on a request nobody authenticated
        // allocates an empty principal (and the feature) only to find it anonymous.
        if (context.Features.Get<IHttpAuthenticationFeature>()?.User is not { } user)
        {
            return null;
        }

        var identity = From(user);
        if (identity is not null)
        {
            context.Features.Set(identity);
        }

        return identity;
    }

    /// <summary>The identity of an authenticated principal; <c>null</c> for an anonymous one.</summary>
    public static GatewayIdentity? From(ClaimsPrincipal user) =>
        user is GatewayPrincipal principal ? principal.Caller : FromClaims(user);

    /// <summary>The identity <paramref name="user"/>'s claims describe; <c>null</c> for an anonymous principal.</summary>
    internal static GatewayIdentity? FromClaims(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true || user.FindFirst(GatewayClaimTypes.PrincipalId) is not { } id)
        {
            return null;
        }

        var scopes = user.FindAll(GatewayClaimTypes.Scope).Select(c => c.Value).ToArray();
        return new GatewayIdentity
        {
            PrincipalId = id.Value,
            PrincipalType = user.FindFirst(GatewayClaimTypes.PrincipalType)?.Value ?? PrincipalTypes.ServiceAccount,
            Name = user.FindFirst(GatewayClaimTypes.Name)?.Value ?? "",
            OrgId = user.FindFirst(GatewayClaimTypes.OrgId)?.Value ?? "",
            ProjectId = user.FindFirst(GatewayClaimTypes.ProjectId)?.Value,
            KeyId = user.FindFirst(GatewayClaimTypes.KeyId)?.Value ?? "",
            AuthScheme = user.FindFirst(GatewayClaimTypes.AuthScheme)?.Value ?? "",
            Scopes = scopes,
            ScopeList = string.Join(' ', scopes),
        };
    }
}
