namespace Gateway.Accounts.Invalidation;

/// <summary>
/// A feature cache that must forget what it knows when a change is applied on this replica (local or broadcast),
/// beside the credential cache. Registered in DI; <see cref="InvalidationApplier"/> calls every one.
/// </summary>
public interface IInvalidationObserver
{
    /// <summary>Called after the credential cache has applied <paramref name="invalidation"/>; must not throw or block.</summary>
    void OnInvalidated(CacheInvalidation invalidation);
}
