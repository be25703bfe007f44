using System.Security.Claims;
using Gateway.Accounts;

namespace Gateway.Authentication;

/// <summary>
/// Principals built for a <see cref="Credential"/> object, per scheme, authentication type and roles version. Held by
/// the credential object itself (<see cref="Credential.Derived"/>), so an entry lives exactly as long as the
/// credential cache keeps that credential: a changed, invalidated or expired key is a new object and gets a new
/// principal; a change of the roles in force is a new version and rebuilds it. Each principal carries its
/// <see cref="GatewayIdentity"/> (a <see cref="GatewayPrincipal"/>), and what is kept is the
/// <see cref="SharedSuccessResult"/> the credential's successful authentications return (which records what it was
/// built for): the one result itself, or an array of them for a credential used with several schemes.
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
    private static readonly SharedSuccessResult[] AuthenticatedOnce = [];

    /// <summary>The success result (holding the principal) built for these inputs, or <c>null</c>.</summary>
    /// <remarks>
    /// The usual credential is authenticated by one scheme, so it keeps its one result directly (not in an array of
    /// entries): on a cache hit the credential's objects are cold in the CPU's cache, and each object between the
    /// credential and its result was one more dependent miss (docs/PERFORMANCE.md, "Hot path, twelfth pass"). A
    /// credential authenticated by several schemes keeps an array of results.
    /// </remarks>
    public SharedSuccessResult? TryGetSuccess(Credential credential, string authScheme, string authenticationType, object rolesVersion)
    {
        switch (Volatile.Read(ref credential.Derived))
        {
            case SharedSuccessResult one:
                return one.IsFor(authScheme, authenticationType, rolesVersion) ? one : null;
            case SharedSuccessResult[] several:
                foreach (var kept in several)
                {
                    if (kept.IsFor(authScheme, authenticationType, rolesVersion))
                    {
                        return kept;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>
    /// The success result of <paramref name="principal"/> for these inputs, remembered unless this is the
    /// credential's first authentication (see the type's remarks).
    /// </summary>
    public SharedSuccessResult Add(Credential credential, string authScheme, string authenticationType, object rolesVersion, ClaimsPrincipal principal)
    {
        var existing = Volatile.Read(ref credential.Derived);
        if (existing is null)
        {
            Interlocked.CompareExchange(ref credential.Derived, AuthenticatedOnce, null);
            return new SharedSuccessResult(credential, principal, authenticationType);
        }

        // The results of the roles version in force are kept beside the new one; an older version's are dropped.
        var success = new SharedSuccessResult(credential, principal, authenticationType, authScheme, rolesVersion);
        SharedSuccessResult[] kept = existing switch
        {
            SharedSuccessResult one when ReferenceEquals(one.RolesVersion, rolesVersion) => [one],
            SharedSuccessResult[] several => OfVersion(several, rolesVersion),
            _ => [],
        };
        Volatile.Write(ref credential.Derived, kept.Length == 0 ? success : (object)(SharedSuccessResult[])[.. kept, success]);
        return success;
    }

    // A loop, not a lambda: a lambda capturing rolesVersion made Add allocate its closure on entry, on every first
    // authentication too, although only this branch uses it.
    private static SharedSuccessResult[] OfVersion(SharedSuccessResult[] several, object rolesVersion)
    {
        var kept = new List<SharedSuccessResult>(several.Length);
        foreach (var result in several)
        {
            if (ReferenceEquals(result.RolesVersion, rolesVersion))
            {
                kept.Add(result);
            }
        }

        return [.. kept];
    }
}
