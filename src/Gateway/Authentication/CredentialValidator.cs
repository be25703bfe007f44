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
        var caller = new GatewayIdentity
        {
            PrincipalId = account.Id,
            PrincipalType = PrincipalTypes.ServiceAccount,
            Name = account.Name,
            OrgId = account.OrgId,
            ProjectId = account.ProjectId,
            KeyId = credential.Key.Id,
            AuthScheme = authScheme,
            Scopes = scopes,
            ScopeList = string.Join(' ', scopes),
        };

        // The claims (principal id and type, name, org, key id, scheme, project, one per scope) are made from the
        // caller when something first reads them (GatewayClaimsIdentity): the gateway's request path reads the
        // caller, so a principal kept for a cached credential holds no Claim objects (CredentialValidatorTests).
        return new GatewayPrincipal(new GatewayClaimsIdentity(authenticationType, caller), caller);
    }
}
