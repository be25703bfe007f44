using Gateway.Errors;
namespace Gateway.Accounts;

/// <summary>
/// The per-replica cache the authentication handlers resolve key ids through, in front of
/// <see cref="IAccountStore.FindCredentialAsync"/>. A hit costs no store round trip. Entries are dropped when a
/// change is broadcast (see <see cref="Invalidation.IInvalidationPublisher"/>); lifetimes only cover missed
/// broadcasts. Default implementation: <see cref="CredentialCache"/>.
/// </summary>
public interface ICredentialCache
{
    /// <summary>
    /// The credential of <paramref name="keyId"/>, or <c>null</c> when no such key exists. Throws
    /// <see cref="StoreUnavailableException"/> when the store cannot answer and no cached answer may be served.
    /// </summary>
    ValueTask<Credential?> FindAsync(string keyId, CancellationToken cancellationToken);

    /// <summary>
    /// Answers from the cache alone, for a key id that is not a string yet (a slice of the presented token):
    /// <c>true</c> with the credential, or with <c>null</c> for a key known not to exist, when the cache holds a
    /// servable entry (counted as a hit); <c>false</c> when <see cref="FindAsync"/> must ask the store.
    /// </summary>
    bool TryFindCached(ReadOnlySpan<char> keyId, out Credential? credential);

    /// <summary>Forgets what is known about one key (created, revoked, renewed).</summary>
    void InvalidateKey(string keyId);

    /// <summary>Forgets every key of one account (account changed, disabled or deleted).</summary>
    void InvalidateAccount(string accountId);

    /// <summary>Forgets everything.</summary>
    void Clear();

    /// <summary>The store or its broadcast channel became unreachable: from now, cached keys are served for at most the maximum staleness.</summary>
    void ConnectionLost();

    /// <summary>The store and its broadcast channel are back: everything is forgotten (changes may have been missed) and normal service resumes.</summary>
    void ConnectionRestored();

    /// <summary>Drops expired entries (run periodically; lookups never serve them anyway).</summary>
    void Sweep();
}
