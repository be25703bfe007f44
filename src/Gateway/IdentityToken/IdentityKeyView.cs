namespace Gateway.IdentityToken;

/// <summary>A signing key as the admin API lists it: never any private material.</summary>
/// <param name="Kid">The key id (the JWS <c>kid</c>).</param>
/// <param name="State"><c>next</c>, <c>active</c> or <c>retired</c>.</param>
/// <param name="CreatedAt">When it was generated.</param>
/// <param name="ActivatedAt">When it started signing.</param>
/// <param name="RetiredAt">When it stopped signing.</param>
/// <param name="RemoveAfter">When a retired key leaves the JWKS.</param>
public sealed record IdentityKeyView(
    string Kid, string State, DateTimeOffset CreatedAt, DateTimeOffset? ActivatedAt, DateTimeOffset? RetiredAt, DateTimeOffset? RemoveAfter)
{
    /// <summary>The view of <paramref name="key"/>.</summary>
    public static IdentityKeyView From(IdentitySigningKey key) =>
        new(key.Kid, key.State.ToString().ToLowerInvariant(), key.CreatedAt, key.ActivatedAt, key.RetiredAt, key.RemoveAfter);
}
