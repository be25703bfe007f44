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
        var claims = new List<Claim>(8 + scopes.Count)
        {
            new(GatewayClaimTypes.PrincipalId, account.Id),
            new(GatewayClaimTypes.PrincipalType, PrincipalTypes.ServiceAccount),
            new(GatewayClaimTypes.Name, account.Name),
            new(GatewayClaimTypes.OrgId, account.OrgId),
            new(GatewayClaimTypes.KeyId, credential.Key.Id),
            new(GatewayClaimTypes.AuthScheme, authScheme),
        };
        if (account.ProjectId is not null)
        {
            claims.Add(new Claim(GatewayClaimTypes.ProjectId, account.ProjectId));
        }

        foreach (var scope in scopes)
        {
            claims.Add(new Claim(GatewayClaimTypes.Scope, scope));
        }

        return new GatewayPrincipal(new ClaimsIdentity(claims, authenticationType, GatewayClaimTypes.Name, null));
    }
}
