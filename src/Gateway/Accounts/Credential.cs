namespace Gateway.Accounts;

/// <summary>A key together with the account that owns it: everything authentication needs from one lookup.</summary>
/// <param name="Key">The key presented by the caller.</param>
/// <param name="Account">Its owning account.</param>
public sealed record Credential(ApiKey Key, ServiceAccount Account)
{
    /// <summary>
    /// What authentication derived from this credential object (its principals: the authentication feature's
    /// principal cache), held by the object itself, so it lives exactly as long as the
    /// credential cache keeps the object: a changed, invalidated or expired key is a new object. A field rather than
    /// a <c>ConditionalWeakTable</c>: no dependent handle for the garbage collector to scan per cached credential.
    /// Not part of the credential's value: not compared, and not copied by <c>with</c>.
    /// </summary>
    internal object? Derived;

    private Credential(Credential original)
    {
        Key = original.Key;
        Account = original.Account;
    }

    /// <summary>Value equality over <see cref="Key"/> and <see cref="Account"/>.</summary>
    public bool Equals(Credential? other) =>
        ReferenceEquals(this, other) || (other is not null && Key == other.Key && Account == other.Account);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Key, Account);
}
