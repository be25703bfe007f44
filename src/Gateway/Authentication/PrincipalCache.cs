using System.Runtime.CompilerServices;
using System.Security.Claims;
using Gateway.Accounts;

namespace Gateway.Authentication;

/// <summary>
/// Principals built for a <see cref="Credential"/> object, per scheme, authentication type and roles version. Held by
/// the credential (a <see cref="ConditionalWeakTable{TKey, TValue}"/>), so an entry lives exactly as long as the
/// credential cache keeps that credential: a changed, invalidated or expired key is a new object and gets a new
/// principal; a change of the roles in force is a new version and rebuilds it. Each principal carries its
/// <see cref="GatewayIdentity"/> (a <see cref="GatewayPrincipal"/>), and each entry holds the
/// <see cref="SharedSuccessResult"/> the credential's successful authentications return.
/// </summary>
public sealed class PrincipalCache
{
    private readonly ConditionalWeakTable<Credential, Entry[]> _entries = new();

    /// <summary>The success result (holding the principal) built for these inputs, or <c>null</c>.</summary>
    public SharedSuccessResult? TryGetSuccess(Credential credential, string authScheme, string authenticationType, object rolesVersion)
    {
        if (!_entries.TryGetValue(credential, out var entries))
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

    /// <summary>Remembers <paramref name="principal"/> (and its success result) for these inputs; returns that result.</summary>
    public SharedSuccessResult Add(Credential credential, string authScheme, string authenticationType, object rolesVersion, ClaimsPrincipal principal)
    {
        var entry = new Entry(authScheme, authenticationType, rolesVersion, new SharedSuccessResult(credential, principal, authenticationType));
        var current = _entries.TryGetValue(credential, out var existing)
            ? [.. existing.Where(e => ReferenceEquals(e.RolesVersion, rolesVersion)), entry]
            : new[] { entry };
        _entries.AddOrUpdate(credential, current);
        return entry.Success;
    }

    private sealed record Entry(string AuthScheme, string AuthenticationType, object RolesVersion, SharedSuccessResult Success);
}
