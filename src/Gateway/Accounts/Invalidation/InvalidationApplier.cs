using Gateway.Accounts.Roles;
using Microsoft.Extensions.Logging;

namespace Gateway.Accounts.Invalidation;

/// <summary>Applies a <see cref="CacheInvalidation"/> to this replica: the credential cache, the role registry, and the <see cref="IInvalidationObserver"/>s.</summary>
public sealed partial class InvalidationApplier(
    ICredentialCache cache, RoleRegistry roles, ILogger<InvalidationApplier> logger, IEnumerable<IInvalidationObserver>? observers = null)
{
    private readonly IInvalidationObserver[] _observers = observers?.ToArray() ?? [];

    /// <summary>Applies <paramref name="invalidation"/>; role reloads run in the background.</summary>
    public void Apply(CacheInvalidation invalidation)
    {
        switch (invalidation.Kind)
        {
            case InvalidationKind.Key:
                cache.InvalidateKey(invalidation.Id);
                break;
            case InvalidationKind.Account:
                cache.InvalidateAccount(invalidation.Id);
                break;
            case InvalidationKind.Roles:
                _ = ReloadRolesAsync(CancellationToken.None);
                break;
            default:
                cache.Clear();
                _ = ReloadRolesAsync(CancellationToken.None);
                break;
        }

        foreach (var observer in _observers)
        {
            observer.OnInvalidated(invalidation);
        }
    }

    /// <summary>Reloads the custom roles from the store; a failure is logged and the current roles stay.</summary>
    public async Task ReloadRolesAsync(CancellationToken cancellationToken)
    {
        try
        {
            await roles.LoadAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogRoleReloadFailed(logger, ex);
        }
    }

    [LoggerMessage(EventId = EventIds.Accounts.RoleReloadFailed, Level = LogLevel.Warning, Message = "Could not reload the custom roles; the previous ones stay in force")]
    private static partial void LogRoleReloadFailed(ILogger logger, Exception exception);
}
