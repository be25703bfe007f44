using System.Security.Claims;
using Gateway.Accounts;
using Gateway.Accounts.Roles;
using Gateway.Authentication;
using Gateway.Authorization;
using Gateway.Errors;
using Gateway.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.Authentication;

public sealed class CredentialValidatorTests
{
    private readonly FakeTimeProvider _time = new(Samples.T0);
    private readonly CredentialValidator _validator;

    public CredentialValidatorTests()
    {
        _validator = new CredentialValidator(TestRoles.BuiltInOnly(), _time);
    }

    // ---------------------------------------------------------------- Check

    [Fact]
    public void Check_ActiveKeyAndAccount_ReturnsNull()
    {
        Assert.Null(_validator.Check(Credential()));
    }

    [Fact]
    public void Check_RevokedKey_ReturnsKeyRevoked()
    {
        var failure = _validator.Check(Credential(revokedAt: Samples.T0.AddMinutes(-1)));

        Assert.Equal(ErrorCodes.KeyRevoked, failure?.Code);
        Assert.False(string.IsNullOrWhiteSpace(failure!.Detail));
    }

    [Fact]
    public void Check_RevokedExpiredKeyOfDisabledAccount_ReportsRevokedFirst()
    {
        var failure = _validator.Check(Credential(
            revokedAt: Samples.T0.AddDays(-2), expiresAt: Samples.T0.AddDays(-1), status: AccountStatus.Disabled));

        Assert.Equal(ErrorCodes.KeyRevoked, failure?.Code);
    }

    [Fact]
    public void Check_ExactlyAtExpiry_ReturnsKeyExpired()
    {
        var credential = Credential(expiresAt: Samples.T0.AddHours(1));
        _time.SetUtcNow(Samples.T0.AddHours(1));

        Assert.Equal(ErrorCodes.KeyExpired, _validator.Check(credential)?.Code);
    }

    [Fact]
    public void Check_OneTickBeforeExpiry_ReturnsNull()
    {
        var credential = Credential(expiresAt: Samples.T0.AddHours(1));
        _time.SetUtcNow(Samples.T0.AddHours(1).AddTicks(-1));

        Assert.Null(_validator.Check(credential));
    }

    [Fact]
    public void Check_ClockMovesPastExpiry_TurnsIntoKeyExpired()
    {
        var credential = Credential(expiresAt: Samples.T0.AddMinutes(5));
        Assert.Null(_validator.Check(credential));

        _time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(ErrorCodes.KeyExpired, _validator.Check(credential)?.Code);
    }

    [Fact]
    public void Check_ExpiredKeyOfDisabledAccount_ReportsExpiredFirst()
    {
        var failure = _validator.Check(Credential(expiresAt: Samples.T0, status: AccountStatus.Disabled));

        Assert.Equal(ErrorCodes.KeyExpired, failure?.Code);
    }

    [Fact]
    public void Check_DisabledAccount_ReturnsAccountDisabled()
    {
        var failure = _validator.Check(Credential(status: AccountStatus.Disabled));

        Assert.Equal(ErrorCodes.AccountDisabled, failure?.Code);
    }

    // ---------------------------------------------------------------- CreatePrincipal

    [Fact]
    public void CreatePrincipal_CarriesIdentityClaims()
    {
        var credential = Credential(projectId: "payments");

        var principal = _validator.CreatePrincipal(credential, AuthSchemeNames.ApiKey, "ApiKey");

        Assert.Equal(credential.Account.Id, Single(principal, GatewayClaimTypes.PrincipalId));
        Assert.Equal(PrincipalTypes.ServiceAccount, Single(principal, GatewayClaimTypes.PrincipalType));
        Assert.Equal("deploy-bot", Single(principal, GatewayClaimTypes.Name));
        Assert.Equal("acme", Single(principal, GatewayClaimTypes.OrgId));
        Assert.Equal("payments", Single(principal, GatewayClaimTypes.ProjectId));
        Assert.Equal(credential.Key.Id, Single(principal, GatewayClaimTypes.KeyId));
        Assert.Equal(AuthSchemeNames.ApiKey, Single(principal, GatewayClaimTypes.AuthScheme));
    }

    [Fact]
    public void CreatePrincipal_IsAuthenticatedWithTheGivenTypeAndNamedAfterTheAccount()
    {
        var principal = _validator.CreatePrincipal(Credential(), AuthSchemeNames.Rfc9421, "Signature");

        Assert.NotNull(principal.Identity);
        Assert.True(principal.Identity.IsAuthenticated);
        Assert.Equal("Signature", principal.Identity.AuthenticationType);
        Assert.Equal("deploy-bot", principal.Identity.Name);
        Assert.Equal(AuthSchemeNames.Rfc9421, Single(principal, GatewayClaimTypes.AuthScheme));
    }

    [Fact]
    public void CreatePrincipal_OrgAccount_HasNoProjectClaim()
    {
        var principal = _validator.CreatePrincipal(Credential(projectId: null), AuthSchemeNames.ApiKey, "ApiKey");

        Assert.Null(principal.FindFirst(GatewayClaimTypes.ProjectId));
        Assert.Equal("acme", Single(principal, GatewayClaimTypes.OrgId));
    }

    [Fact]
    public void CreatePrincipal_ScopesComeFromRolesDeduplicated()
    {
        var credential = Credential(roles: ["reader", "executor", "ghost"]);

        var principal = _validator.CreatePrincipal(credential, AuthSchemeNames.ApiKey, "ApiKey");

        Assert.Equal(["*:read", "*:execute"], principal.FindAll(GatewayClaimTypes.Scope).Select(c => c.Value));
    }

    [Fact]
    public void CreatePrincipal_AdminRole_GrantsGatewayScopes()
    {
        var principal = _validator.CreatePrincipal(Credential(roles: ["admin"]), AuthSchemeNames.ApiKey, "ApiKey");
        var scopes = principal.FindAll(GatewayClaimTypes.Scope).Select(c => c.Value).ToList();

        Assert.Equal(["*"], scopes);
        Assert.True(ScopeMatcher.IsGranted(scopes, GatewayScopes.AccountsWrite));
    }

    [Fact]
    public void CreatePrincipal_NoRoles_HasNoScopeClaims()
    {
        var principal = _validator.CreatePrincipal(Credential(roles: []), AuthSchemeNames.ApiKey, "ApiKey");

        Assert.Empty(principal.FindAll(GatewayClaimTypes.Scope));
    }

    [Fact]
    public void CreatePrincipal_RoundTripsThroughGatewayIdentity()
    {
        var credential = Credential(projectId: "payments", roles: ["editor"]);

        var identity = GatewayIdentity.From(_validator.CreatePrincipal(credential, AuthSchemeNames.ApiKey, "ApiKey"));

        Assert.NotNull(identity);
        Assert.Equal(credential.Account.Id, identity.PrincipalId);
        Assert.Equal("payments", identity.ProjectId);
        Assert.Equal(credential.Key.Id, identity.KeyId);
        Assert.Equal(["*:read", "*:execute", "*:write"], identity.Scopes);
    }

    [Fact]
    public void CreatePrincipal_HoldsNoClaims_UntilTheyAreRead_ThenTheEagerOnesInTheirOrder()
    {
        var credential = Credential(projectId: "payments", roles: ["editor"]);
        var principal = Assert.IsType<GatewayPrincipal>(_validator.CreatePrincipal(credential, AuthSchemeNames.ApiKey, "ApiKey"));
        var identity = Assert.IsType<GatewayClaimsIdentity>(principal.Identity);

        // What the request path reads (the caller, authentication) makes no claims.
        Assert.True(identity.IsAuthenticated);
        Assert.Equal("ApiKey", identity.AuthenticationType);
        Assert.Equal(credential.Account.Id, principal.Caller!.PrincipalId);
        Assert.False(identity.ClaimsMade);

        Assert.Equal(
            [
                (GatewayClaimTypes.PrincipalId, credential.Account.Id),
                (GatewayClaimTypes.PrincipalType, PrincipalTypes.ServiceAccount),
                (GatewayClaimTypes.Name, "deploy-bot"),
                (GatewayClaimTypes.OrgId, "acme"),
                (GatewayClaimTypes.KeyId, credential.Key.Id),
                (GatewayClaimTypes.AuthScheme, AuthSchemeNames.ApiKey),
                (GatewayClaimTypes.ProjectId, "payments"),
                (GatewayClaimTypes.Scope, "*:read"),
                (GatewayClaimTypes.Scope, "*:execute"),
                (GatewayClaimTypes.Scope, "*:write"),
            ],
            principal.Claims.Select(c => (c.Type, c.Value)));
        Assert.True(identity.ClaimsMade);
        Assert.All(principal.Claims, c => Assert.Same(identity, c.Subject));
        Assert.Equal(10, principal.Claims.Count()); // read again: made once, not twice
    }

    [Fact]
    public async Task CreatePrincipal_ItsClaimsReadConcurrently_AreMadeOnce()
    {
        for (var round = 0; round < 20; round++)
        {
            var principal = _validator.CreatePrincipal(Credential(roles: ["editor"]), AuthSchemeNames.ApiKey, "ApiKey");
            using var start = new Barrier(4);

            var counts = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Factory.StartNew(
                () =>
                {
                    start.SignalAndWait();
                    return principal.FindAll(GatewayClaimTypes.Scope).Count();
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default)));

            Assert.Equal([3, 3, 3, 3], counts);
            Assert.Equal(9, principal.Claims.Count());
        }
    }

    [Fact]
    public void CreatePrincipal_ChangedOrSerialisedBeforeItsClaimsWereRead_KeepsThemAll()
    {
        var added = _validator.CreatePrincipal(Credential(), AuthSchemeNames.ApiKey, "ApiKey");
        var identity = (System.Security.Claims.ClaimsIdentity)added.Identity!;
        identity.AddClaim(new System.Security.Claims.Claim("extra", "1"));
        Assert.Equal(["deploy-bot", "1"], [identity.Name!, identity.FindFirst("extra")!.Value]);
        Assert.Equal(8, identity.Claims.Count()); // 6 made, one scope ("reader": *:read), the added one

        var written = _validator.CreatePrincipal(Credential(), AuthSchemeNames.ApiKey, "ApiKey");
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            written.WriteTo(writer);
        }

        buffer.Position = 0;
        using var reader = new BinaryReader(buffer);
        var read = new System.Security.Claims.ClaimsPrincipal(reader);
        Assert.Equal(
            written.Claims.Select(c => (c.Type, c.Value)),
            read.Claims.Select(c => (c.Type, c.Value)));
        Assert.Equal(7, read.Claims.Count());
    }

    [Fact]
    public void CreatePrincipal_CarriesItsCallerAndTheJoinedScopeList()
    {
        var principal = _validator.CreatePrincipal(Credential(roles: ["editor"]), AuthSchemeNames.ApiKey, "ApiKey");

        var carried = Assert.IsType<GatewayPrincipal>(principal).Caller;
        Assert.NotNull(carried);
        Assert.Same(carried, GatewayIdentity.From(principal));
        Assert.Equal("*:read *:execute *:write", carried.ScopeList);
    }

    [Theory]
    [InlineData(null, new[] { "reader" })]
    [InlineData("payments", new[] { "editor", "reader" })]
    [InlineData(null, new string[0])]
    public void CreatePrincipal_ItsCaller_IsWhatItsClaimsDescribe(string? projectId, string[] roles)
    {
        var principal = Assert.IsType<GatewayPrincipal>(
            _validator.CreatePrincipal(Credential(projectId: projectId, roles: roles), AuthSchemeNames.Rfc9421, "Signature"));

        var fromClaims = GatewayIdentity.FromClaims(principal);

        Assert.Equivalent(fromClaims, principal.Caller, strict: true);
        Assert.Equal(fromClaims!.ScopeList, principal.Caller!.ScopeList);
    }

    [Fact]
    public void ScopeList_OfACopyWithOtherScopes_IsNotTheOriginals()
    {
        var identity = GatewayIdentity.From(_validator.CreatePrincipal(Credential(roles: ["editor"]), AuthSchemeNames.ApiKey, "ApiKey"))!;

        var copy = identity with { Scopes = ["orders:read"] };

        Assert.Equal("*:read *:execute *:write", identity.ScopeList);
        Assert.Null(copy.ScopeList);
    }

    [Fact]
    public void From_PrincipalBuiltElsewhere_IsDerivedFromItsClaims()
    {
        var built = _validator.CreatePrincipal(Credential(projectId: "payments", roles: ["editor"]), AuthSchemeNames.ApiKey, "ApiKey");
        var copy = new System.Security.Claims.ClaimsPrincipal(built.Identities.Select(i => i.Clone()));

        var identity = GatewayIdentity.From(copy);

        Assert.Equivalent(GatewayIdentity.From(built), identity, strict: true);
        Assert.Equal("*:read *:execute *:write", identity!.ScopeList);
        Assert.NotSame(GatewayIdentity.From(built), identity);
        Assert.Null(GatewayIdentity.From(new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity())));
    }

    // ---------------------------------------------------------------- principal cache

    [Fact]
    public void CreatePrincipal_SameCredentialAndScheme_SharesOnePrincipalAndIdentity()
    {
        var credential = Credential();
        _validator.CreatePrincipal(credential, "api-key", "ApiKey"); // the first is used once (see the next test)

        var first = _validator.CreatePrincipal(credential, "api-key", "ApiKey");
        var second = _validator.CreatePrincipal(credential, "api-key", "ApiKey");
        var otherScheme = _validator.CreatePrincipal(credential, "rfc9421", "Signature");
        var sameKeyReloaded = _validator.CreatePrincipal(credential with { }, "api-key", "ApiKey");

        Assert.Same(first, second);
        Assert.NotSame(first, otherScheme);
        Assert.Equal("rfc9421", otherScheme.FindFirst(GatewayClaimTypes.AuthScheme)?.Value);
        Assert.NotSame(first, sameKeyReloaded);
        Assert.Same(GatewayIdentity.From(first), GatewayIdentity.From(second));
    }

    [Fact]
    public void Success_ACredentialsFirstAuthentication_KeepsNothing_ItsSecondKeepsTheResult()
    {
        var credential = Credential();

        var once = _validator.Success(credential, "api-key", "ApiKey");

        Assert.Same(credential, once.Feature.Credential);
        Assert.Empty(Assert.IsAssignableFrom<Array>(credential.Derived)); // only the shared marker: no principal kept
        var kept = _validator.Success(credential, "api-key", "ApiKey");
        Assert.NotSame(once, kept);
        Assert.Equal(
            once.Principal!.Claims.Select(c => (c.Type, c.Value)),
            kept.Principal!.Claims.Select(c => (c.Type, c.Value)));
        Assert.Same(kept, _validator.Success(credential, "api-key", "ApiKey"));
        Assert.Null((credential with { }).Derived); // a copy is a new credential: it shares nothing
        Assert.Equal(credential, credential with { }); // and the marker is no part of the value
    }

    [Fact]
    public async Task CreatePrincipal_AfterTheRolesChanged_IsBuiltAgain()
    {
        var path = Path.Combine(Path.GetTempPath(), "gateway-unit-tests", $"roles-{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var store = new Gateway.Accounts.Sqlite.SqliteAccountStore(path);
        await store.InitializeAsync(CancellationToken.None);
        var registry = new RoleRegistry(store);
        var validator = new CredentialValidator(registry, _time);
        var credential = Credential();
        validator.CreatePrincipal(credential, "api-key", "ApiKey");

        var before = validator.CreatePrincipal(credential, "api-key", "ApiKey");
        Assert.Same(before, validator.CreatePrincipal(credential, "api-key", "ApiKey"));
        await registry.LoadAsync(CancellationToken.None);
        var after = validator.CreatePrincipal(credential, "api-key", "ApiKey");

        Assert.NotSame(before, after);
        Assert.Same(after, validator.CreatePrincipal(credential, "api-key", "ApiKey"));
    }

    private static Credential Credential(
        DateTimeOffset? expiresAt = null,
        DateTimeOffset? revokedAt = null,
        AccountStatus status = AccountStatus.Active,
        string? projectId = null,
        IReadOnlyList<string>? roles = null)
    {
        var account = Samples.Account(
            name: "deploy-bot", orgId: "acme", projectId: projectId, status: status, roles: roles ?? ["reader"],
            createdAt: Samples.T0.AddDays(-10));
        var key = Samples.Key(account.Id, createdAt: Samples.T0.AddDays(-10), expiresAt: expiresAt, revokedAt: revokedAt);
        return new Credential(key, account);
    }

    private static string Single(ClaimsPrincipal principal, string type) =>
        Assert.Single(principal.FindAll(type)).Value;
}
