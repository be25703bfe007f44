namespace Gateway.IdentityToken;

/// <summary>The life of an identity-token signing key.</summary>
public enum SigningKeyState
{
    /// <summary>Published in the JWKS, not yet signing: verifiers learn it before the first token it signs.</summary>
    Next,

    /// <summary>Signs new tokens (exactly one key is active).</summary>
    Active,

    /// <summary>No longer signs; published until every token it signed has expired, then removed.</summary>
    Retired,
}
