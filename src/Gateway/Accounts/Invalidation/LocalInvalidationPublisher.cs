namespace Gateway.Accounts.Invalidation;

/// <summary>The embedded mode's publisher: one replica, so a change is applied in-process and nothing is sent.</summary>
public sealed class LocalInvalidationPublisher(InvalidationApplier applier) : IInvalidationPublisher
{
    /// <inheritdoc />
    public Task PublishAsync(CacheInvalidation invalidation, CancellationToken cancellationToken)
    {
        applier.Apply(invalidation);
        return Task.CompletedTask;
    }
}
