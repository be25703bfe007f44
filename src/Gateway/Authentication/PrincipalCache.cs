using System.Security.Claims;
using Gateway.Accounts;

namespace Gateway.Authentication;

/// <summary>
/// Principals built for a <see cref="Credential"/> object, per scheme, authentication type and roles version. Held by
/// the credential object itself (<see cref="Credential.Derived"/>), so an entry lives exactly as long as the
/// credential cache keeps that credential: a changed, invalidated or expired key is a new object and gets a new
/// principal; a change of the roles in force is a new version and rebuilds it. Each principal carries its
/// <see cref="GatewayIdentity"/> (a <see cref="GatewayPrincipal"/>), and each entry holds the
/// <see cref="SharedSuccessResult"/> the credential's successful authentications return.
/// <para>
/// Nothing is kept on a credential's first authentication: its result is used once and left to the young
/// generation. Under a key stream wider than the credential cache nearly every credential is fresh from the store
/// and authenticates once before its entry expires, so keeping a principal (≈ 0.7-1.5 KB: its claims are made only when read, see GatewayClaimsIdentity) for each would only fill the
/// old generation; a credential authenticated a second time keeps its principal, and every later request of it
/// allocates nothing. The first authentication leaves a marker (a shared empty array, no allocation).
/// </para>
/// </summary>
public sealed class PrincipalCache
{
    /// <summary>The marker of a credential authenticated once, with nothing kept yet.</summary>
    private static readonly Entry[] AuthenticatedOnce = [];

    /// <summary>The success result (holding the principal) built for these inputs, or <c>null</c>.</summary>
    public SharedSuccessResult? TryGetSuccess(Credential credential, string authScheme, string authenticationType, object rolesVersion)
    {
        if (Volatile.Read(ref credential.Derived) is not Entry[] entries)
        {
            return null;
        }

        foreach (var entry in entries)
        {
            if (ReferenceEquals(entry.RolesVersion, rolesVersion)
                && string.Equals(entry.AuthScheme, authScheme, StringComparison.Ordinal)
                && string.Equals(entry.AuthenticationType, authenticationType, StringComparison.Ordinal))
            {
                return entry.Success;
            }
        }

        return null;
    }

    /// <summary>
    /// The success result of <paramref name="principal"/> for these inputs, remembered unless this is the
    /// credential's first authentication (see the type's remarks).
    /// </summary>
    public SharedSuccessResult Add(Credential credential, string authScheme, string authenticationType, object rolesVersion, ClaimsPrincipal principal)
    {
        var success = new SharedSuccessResult(credential, principal, authenticationType);
        var existing = Volatile.Read(ref credential.Derived) as Entry[];
        if (existing is null)
        {
            Interlocked.CompareExchange(ref credential.Derived, AuthenticatedOnce, null);
            return success;
        }

        var entry = new Entry(authScheme, authenticationType, rolesVersion, success);
        Entry[] current = [.. existing.Where(e => ReferenceEquals(e.RolesVersion, rolesVersion)), entry];
        Volatile.Write(ref credential.Derived, current);
        return success;
    }

    private sealed record Entry(string AuthScheme, string AuthenticationType, object RolesVersion, SharedSuccessResult Success);
}
