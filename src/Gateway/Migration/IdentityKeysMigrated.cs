namespace Gateway.Migration;

/// <summary>What the <c>migrate</c> verb did with the identity-token signing keys.</summary>
public enum IdentityKeysMigrated
{
    /// <summary>The embedded node had no signing keys (identity tokens never issued or published): nothing to copy.</summary>
    None,

    /// <summary>The embedded node's sealed key document was written to Redis: the replicas sign with the same keys and publish the same JWKS.</summary>
    Copied,

    /// <summary>Redis already held a key document, which was left as it is.</summary>
    AlreadyPresent,
}
