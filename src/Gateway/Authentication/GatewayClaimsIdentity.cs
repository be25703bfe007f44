using System.Security.Claims;

namespace Gateway.Authentication;

/// <summary>
/// The <see cref="ClaimsIdentity"/> of a credential's principal, whose claims are made from its
/// <see cref="GatewayIdentity"/> the first time anything reads them, not when it is built. The gateway's own request
/// path reads the caller (<see cref="GatewayPrincipal.Caller"/>), not the claims, so a principal kept for a cached
/// credential (<see cref="PrincipalCache"/>) and never asked for its claims holds no <see cref="Claim"/> objects: ≈ 1 KB
/// less per cached credential (docs/PERFORMANCE.md, "Hot path, tenth pass"). Once made, the claims are those an
/// eagerly built identity had, in the same order (each with this identity as its subject), and they stay: every
/// member that reads or changes the claims (including <see cref="Clone"/> and <see cref="WriteTo(BinaryWriter)"/>)
/// makes them first. Safe to share between requests: the claims are made once, under a lock.
/// </summary>
internal sealed class GatewayClaimsIdentity : ClaimsIdentity
{
    /// <summary>Serialises the (rare: once per principal at most) making of claims; one for all, so none is allocated per identity.</summary>
    private static readonly Lock Making = new();

    private readonly GatewayIdentity _caller;
    private volatile bool _made;

    /// <summary>The identity of <paramref name="caller"/>, authenticated by <paramref name="authenticationType"/> and named by its <see cref="GatewayClaimTypes.Name"/> claim.</summary>
    public GatewayClaimsIdentity(string authenticationType, GatewayIdentity caller)
        : base(authenticationType, GatewayClaimTypes.Name, null) =>
        _caller = caller;

    /// <summary>Whether the claims have been made (tests: a principal nobody read holds none).</summary>
    internal bool ClaimsMade => _made;

    /// <inheritdoc />
    public override IEnumerable<Claim> Claims => Made().BaseClaims;

    /// <inheritdoc />
    public override string? Name => Made().BaseName;

    /// <inheritdoc />
    public override void AddClaim(Claim claim) => Made().BaseAddClaim(claim);

    /// <inheritdoc />
    public override void AddClaims(IEnumerable<Claim?> claims) => Made().BaseAddClaims(claims);

    /// <inheritdoc />
    public override bool TryRemoveClaim(Claim? claim) => Made().BaseTryRemoveClaim(claim);

    /// <inheritdoc />
    public override void RemoveClaim(Claim? claim) => Made().BaseRemoveClaim(claim);

    /// <inheritdoc />
    public override IEnumerable<Claim> FindAll(Predicate<Claim> match) => Made().BaseFindAll(match);

    /// <inheritdoc />
    public override IEnumerable<Claim> FindAll(string type) => Made().BaseFindAll(type);

    /// <inheritdoc />
    public override Claim? FindFirst(Predicate<Claim> match) => Made().BaseFindFirst(match);

    /// <inheritdoc />
    public override Claim? FindFirst(string type) => Made().BaseFindFirst(type);

    /// <inheritdoc />
    public override bool HasClaim(Predicate<Claim> match) => Made().BaseHasClaim(match);

    /// <inheritdoc />
    public override bool HasClaim(string type, string value) => Made().BaseHasClaim(type, value);

    /// <inheritdoc />
    public override ClaimsIdentity Clone() => Made().BaseClone();

    /// <inheritdoc />
    public override void WriteTo(BinaryWriter writer) => Made().BaseWriteTo(writer);

    private IEnumerable<Claim> BaseClaims => base.Claims;

    private string? BaseName => base.Name;

    private void BaseAddClaim(Claim claim) => base.AddClaim(claim);

    private void BaseAddClaims(IEnumerable<Claim?> claims) => base.AddClaims(claims);

    private bool BaseTryRemoveClaim(Claim? claim) => base.TryRemoveClaim(claim);

    private void BaseRemoveClaim(Claim? claim) => base.RemoveClaim(claim);

    private IEnumerable<Claim> BaseFindAll(Predicate<Claim> match) => base.FindAll(match);

    private IEnumerable<Claim> BaseFindAll(string type) => base.FindAll(type);

    private Claim? BaseFindFirst(Predicate<Claim> match) => base.FindFirst(match);

    private Claim? BaseFindFirst(string type) => base.FindFirst(type);

    private bool BaseHasClaim(Predicate<Claim> match) => base.HasClaim(match);

    private bool BaseHasClaim(string type, string value) => base.HasClaim(type, value);

    private ClaimsIdentity BaseClone() => base.Clone();

    private void BaseWriteTo(BinaryWriter writer) => base.WriteTo(writer);

    /// <summary>This identity, its claims made (once).</summary>
    private GatewayClaimsIdentity Made()
    {
        if (!_made)
        {
            lock (Making)
            {
                if (!_made)
                {
                    MakeClaims();
                    _made = true;
                }
            }
        }

        return this;
    }

    // The claims an eagerly built identity had, in its order. Made with this identity as their subject, so
    // ClaimsIdentity keeps them instead of cloning each.
    private void MakeClaims()
    {
        var caller = _caller;
        Add(GatewayClaimTypes.PrincipalId, caller.PrincipalId);
        Add(GatewayClaimTypes.PrincipalType, caller.PrincipalType);
        Add(GatewayClaimTypes.Name, caller.Name);
        Add(GatewayClaimTypes.OrgId, caller.OrgId);
        Add(GatewayClaimTypes.KeyId, caller.KeyId);
        Add(GatewayClaimTypes.AuthScheme, caller.AuthScheme);
        if (caller.ProjectId is not null)
        {
            Add(GatewayClaimTypes.ProjectId, caller.ProjectId);
        }

        foreach (var scope in caller.Scopes)
        {
            Add(GatewayClaimTypes.Scope, scope);
        }
    }

    private void Add(string type, string value) =>
        base.AddClaim(new Claim(type, value, ClaimValueTypes.String, DefaultIssuer, DefaultIssuer, this));
}
