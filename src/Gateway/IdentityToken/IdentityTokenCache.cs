using System.Runtime.CompilerServices;
using Gateway.Authentication;

namespace Gateway.IdentityToken;

/// <summary>
/// Signed tokens per (identity, audience), reused until a quarter of their lifetime is left or the active key
/// changes. Held by the <see cref="GatewayIdentity"/> object (a <see cref="ConditionalWeakTable{TKey, TValue}"/>),
/// which lives as long as the credential cache keeps the credential and the roles in force are unchanged: a
/// revoked key, a changed account or changed roles is a new identity object and gets a new token, and the cache is
/// bounded by the credential cache (plus at most <see cref="MaxAudiencesPerIdentity"/> audiences each).
/// A hit costs a table lookup and a comparison; a miss one ECDSA signature.
/// <para>
/// Consequence: <c>jti</c> identifies a cached token, not a request. Tokens are bearer tokens for their short life
/// (like any JWT): upstreams use them to verify who is calling, not as one-time tickets.
/// </para>
/// </summary>
public sealed class IdentityTokenCache(IdentityKeyRing ring, IdentityTokenIssuer issuer, TimeProvider time)
{
    /// <summary>Most audiences cached for one identity; more replace the oldest.</summary>
    public const int MaxAudiencesPerIdentity = 16;

    private readonly ConditionalWeakTable<GatewayIdentity, IssuedEntry[]> _entries = new();
    private readonly TimeSpan _refreshBefore = issuer.Lifetime / 4;

    /// <summary>A valid token for <paramref name="identity"/> and <paramref name="audience"/>; <c>null</c> while no keys are loaded.</summary>
    public string? Get(GatewayIdentity identity, string audience)
    {
        var now = time.GetUtcNow();
        if (ring.Current(now) is not { } keys)
        {
            return null;
        }

        var active = keys.Active;
        if (_entries.TryGetValue(identity, out var entries))
        {
            foreach (var entry in entries)
            {
                if (string.Equals(entry.Audience, audience, StringComparison.Ordinal)
                    && string.Equals(entry.Issued.Kid, active.Kid, StringComparison.Ordinal)
                    && now < entry.RefreshAt)
                {
                    return entry.Issued.Token;
                }
            }
        }

        var issued = issuer.Issue(identity, audience, active, now);
        var fresh = new IssuedEntry(audience, issued, issued.ExpiresAt - _refreshBefore);
        var kept = entries is null
            ? [fresh]
            : entries.Where(e => !string.Equals(e.Audience, audience, StringComparison.Ordinal)).TakeLast(MaxAudiencesPerIdentity - 1).Append(fresh).ToArray();
        _entries.AddOrUpdate(identity, kept);
        return issued.Token;
    }

    private sealed record IssuedEntry(string Audience, IssuedIdentityToken Issued, DateTimeOffset RefreshAt);
}
