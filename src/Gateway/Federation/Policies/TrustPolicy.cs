namespace Gateway.Federation.Policies;

/// <summary>
/// Which OIDC tokens a service account trusts: tokens of <see cref="Issuer"/> for <see cref="Audience"/> whose claims
/// satisfy every one of <see cref="Conditions"/>. Immutable; a policy is replaced by deleting and adding.
/// </summary>
public sealed record TrustPolicy
{
    /// <summary>Identifier, <c>tp_</c> followed by 16 base62 characters.</summary>
    public required string Id { get; init; }

    /// <summary>The service account the matching tokens act as.</summary>
    public required string AccountId { get; init; }

    /// <summary>The exact <c>iss</c>; one of <c>Gateway:Federation:Issuers</c>.</summary>
    public required string Issuer { get; init; }

    /// <summary>The value the token's <c>aud</c> (a string or an array) must contain.</summary>
    public required string Audience { get; init; }

    /// <summary>Claim name → exact value or glob pattern (<c>*</c>, <c>?</c>); all must match.</summary>
    public required IReadOnlyDictionary<string, string> Conditions { get; init; }

    /// <summary>CIDR blocks the exchange and every use of its tokens must come from (besides the account's); empty means any.</summary>
    public IReadOnlyList<string> AllowedCidrs { get; init; } = [];

    /// <summary>The longest lifetime of an access token issued under this policy; <c>null</c> for the gateway default.</summary>
    public TimeSpan? MaxTokenLifetime { get; init; }

    /// <summary>Free text for operators; <c>null</c> when not set.</summary>
    public string? Description { get; init; }

    /// <summary>When the policy was added (millisecond precision).</summary>
    public required DateTimeOffset CreatedAt { get; init; }
}
