using Gateway.Accounts;

namespace Gateway.RateLimiting;

/// <summary>
/// Every limit that applies to one request, from the cached credential and the route (no store round trip). A request
/// is admitted only when all of them admit it, each counted in its own bucket:
/// <list type="bullet">
/// <item>the account's rate and quota (all its keys and routes together);</item>
/// <item>the key's own rate and quota (that key alone);</item>
/// <item>the route's rate per account: the route's ceiling, and its default when the account sets no rate of its own
/// (the tighter of the two when both apply).</item>
/// </list>
/// So the effective limit is the tightest of the ones set.
/// </summary>
public readonly struct LimitPlan
{
    /// <summary>Builds the plan for <paramref name="credential"/> on the route <paramref name="routeId"/>.</summary>
    public LimitPlan(Credential credential, string routeId, RouteRateLimits route)
    {
        Credential = credential;
        RouteId = routeId;
        AccountRate = credential.Account.RateLimit;
        KeyRate = credential.Key.RateLimit;
        var routeDefault = credential.Account.RateLimit is null ? route.Default : null;
        RouteRate = (routeDefault, route.Ceiling) switch
        {
            (null, var c) => c,
            (var d, null) => d,
            var (d, c) => d!.IsTighterThan(c!) ? d : c,
        };
        AccountQuota = credential.Account.Quota;
        KeyQuota = credential.Key.Quota;
    }

    /// <summary>The credential the request authenticated with.</summary>
    public Credential Credential { get; }

    /// <summary>The route's id.</summary>
    public string RouteId { get; }

    /// <summary>The account's rate, or <c>null</c>.</summary>
    public RateLimit? AccountRate { get; }

    /// <summary>The key's rate, or <c>null</c>.</summary>
    public RateLimit? KeyRate { get; }

    /// <summary>The route's rate for this account, or <c>null</c>.</summary>
    public RateLimit? RouteRate { get; }

    /// <summary>The account's quota, or <c>null</c>.</summary>
    public Quota? AccountQuota { get; }

    /// <summary>The key's quota, or <c>null</c>.</summary>
    public Quota? KeyQuota { get; }

    /// <summary><c>true</c> when no limit applies.</summary>
    public bool IsEmpty => AccountRate is null && KeyRate is null && RouteRate is null && AccountQuota is null && KeyQuota is null;
}
