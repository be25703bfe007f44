using System.Security.Claims;
using Gateway.Accounts;
using Gateway.Accounts.Roles;
using Gateway.Errors;

namespace Gateway.Authentication;

/// <summary>
/// What every scheme does once the caller has proven possession of the secret: key status and expiry, account
/// status, then the principal with its effective scopes. The principal (and the <see cref="GatewayIdentity"/> derived
/// from it) is built once per cached credential, scheme and roles version (<see cref="PrincipalCache"/>) and shared
/// by that credential's requests: nothing in the gateway modifies a principal after authentication.
/// </summary>
public sealed class CredentialValidator(IRoleResolver roles, TimeProvider time)
{
    private readonly PrincipalCache _principals = new();

    /// <summary>The failure for a credential that may not be used now, or <c>null</c> when it may.</summary>
    public AuthenticationFailureFeature? Check(Credential credential)
    {
        switch (credential.Key.StatusAt(time.GetUtcNow()))
        {
            case KeyStatus.Revoked:
                return new AuthenticationFailureFeature(ErrorCodes.KeyRevoked, "This key has been revoked.");
            case KeyStatus.Expired:
                return new AuthenticationFailureFeature(ErrorCodes.KeyExpired, "This key has expired.");
        }

        return credential.Account.Status == AccountStatus.Active
            ? null
            : new AuthenticationFailureFeature(ErrorCodes.AccountDisabled, "The account that owns this key is disabled.");
    }

    /// <summary>The principal for a valid credential, authenticated by <paramref name="authenticationType"/>.</summary>
    public ClaimsPrincipal CreatePrincipal(Credential credential, string authScheme, string authenticationType) =>
        Success(credential, authScheme, authenticationType).Principal!;

    /// <summary>
    /// The successful authentication of a valid credential by <paramref name="authenticationType"/>: its principal,
    /// ticket and credential feature, shared by the credential's requests (<see cref="SharedSuccessResult"/>).
    /// </summary>
    public SharedSuccessResult Success(Credential credential, string authScheme, string authenticationType)
    {
        var version = roles is RoleRegistry registry ? registry.Version : null;
        if (version is not null && _principals.TryGetSuccess(credential, authScheme, authenticationType, version) is { } cached)
        {
            return cached;
        }

        var principal = BuildPrincipal(credential, authScheme, authenticationType);
        return version is not null
            ? _principals.Add(credential, authScheme, authenticationType, version, principal)
            : new SharedSuccessResult(credential, principal, authenticationType);
    }

    private ClaimsPrincipal BuildPrincipal(Credential credential, string authScheme, string authenticationType)
    {
        var account = credential.Account;
        var scopes = roles.ScopesOf(account.Roles);

        // Claims made with the identity as their subject are added as they are: the ClaimsIdentity(claims, …)
        // constructor would clone each one (twice the claims, half of them garbage at once).
        var identity = new ClaimsIdentity(authenticationType, GatewayClaimTypes.Name, null);
        Add(identity, GatewayClaimTypes.PrincipalId, account.Id);
        Add(identity, GatewayClaimTypes.PrincipalType, PrincipalTypes.ServiceAccount);
        Add(identity, GatewayClaimTypes.Name, account.Name);
        Add(identity, GatewayClaimTypes.OrgId, account.OrgId);
        Add(identity, GatewayClaimTypes.KeyId, credential.Key.Id);
        Add(identity, GatewayClaimTypes.AuthScheme, authScheme);
        if (account.ProjectId is not null)
        {
            Add(identity, GatewayClaimTypes.ProjectId, account.ProjectId);
        }

        foreach (var scope in scopes)
        {
            Add(identity, GatewayClaimTypes.Scope, scope);
        }

        // The caller from the same values the claims were made of, not searched back out of them (seven lookups,
        // each enumerating the claims): what GatewayIdentity.FromClaims would derive (CredentialValidatorTests).
        string[] scopeArray = [.. scopes];
        var caller = new GatewayIdentity
        {
            PrincipalId = account.Id,
            PrincipalType = PrincipalTypes.ServiceAccount,
            Name = account.Name,
            OrgId = account.OrgId,
            ProjectId = account.ProjectId,
            KeyId = credential.Key.Id,
            AuthScheme = authScheme,
            Scopes = scopeArray,
            ScopeList = string.Join(' ', scopeArray),
        };
        return new GatewayPrincipal(identity, caller);
    }

    private static void Add(ClaimsIdentity identity, string type, string value) =>
        identity.AddClaim(new Claim(type, value, ClaimValueTypes.String, ClaimsIdentity.DefaultIssuer, ClaimsIdentity.DefaultIssuer, identity));
}
