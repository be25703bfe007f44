using System.Security.Claims;

namespace Gateway.Authentication;

/// <summary>
/// A principal the gateway built for a credential, carrying its <see cref="GatewayIdentity"/> derived once from the
/// claims: reading the caller's identity on every request (the access step, the audit event, the identity headers,
/// the identity token) is then a type test instead of a lookup in a weak table keyed by the principal.
/// </summary>
public sealed class GatewayPrincipal : ClaimsPrincipal
{
    /// <summary>Creates the principal of <paramref name="identity"/> and derives its caller.</summary>
    public GatewayPrincipal(ClaimsIdentity identity)
        : base(identity) =>
        Caller = GatewayIdentity.FromClaims(this);

    /// <summary>The principal of <paramref name="identity"/> whose caller <paramref name="caller"/> was made from the same values as its claims.</summary>
    internal GatewayPrincipal(ClaimsIdentity identity, GatewayIdentity caller)
        : base(identity) =>
        Caller = caller;

    /// <summary>The identity forwarded upstream; <c>null</c> when the claims do not make an authenticated caller.</summary>
    public GatewayIdentity? Caller { get; }
}
