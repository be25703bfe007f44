namespace Gateway.Client.Admin;

/// <summary>An identity-token signing key as <c>GET /v1/identity-token/keys</c> lists it (never private material).</summary>
public sealed record IdentityTokenKey
{
    /// <summary>The key id, the JWS <c>kid</c> (<c>gik_…</c>).</summary>
    public required string Kid { get; init; }

    /// <summary><c>next</c> (published, not yet signing), <c>active</c> (signing) or <c>retired</c> (published until its tokens expire).</summary>
    public required string State { get; init; }

    /// <summary>When it was generated.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it started signing.</summary>
    public DateTimeOffset? ActivatedAt { get; init; }

    /// <summary>When it stopped signing.</summary>
    public DateTimeOffset? RetiredAt { get; init; }

    /// <summary>When a retired key leaves the JWKS.</summary>
    public DateTimeOffset? RemoveAfter { get; init; }
}
