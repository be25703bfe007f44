using System.Diagnostics;
using Gateway.Accounts.Roles;
using Gateway.Telemetry;

namespace Gateway.Accounts;

/// <summary>
/// Decorates an <see cref="IAccountStore"/> with latency and error metrics per operation
/// (<c>gateway_store_operation_duration_seconds</c>, <c>gateway_store_errors_total</c>). Behaviour is unchanged.
/// </summary>
public sealed class InstrumentedAccountStore(IAccountStore inner, GatewayMetrics metrics, string storeName) : IAccountStore
{
    private const string FindCredential = "find_credential";

    // The credential lookup runs on every cache miss: its histogram child is resolved once.
    private readonly Prometheus.Histogram.Child _findCredentialDuration = metrics.StoreDuration.WithLabels(storeName, FindCredential);

    public Task InitializeAsync(CancellationToken cancellationToken) => Measure("initialize", () => inner.InitializeAsync(cancellationToken));

    public Task PingAsync(CancellationToken cancellationToken) => Measure("ping", () => inner.PingAsync(cancellationToken));

    public Task<bool> IsEmptyAsync(CancellationToken cancellationToken) => Measure("is_empty", () => inner.IsEmptyAsync(cancellationToken));

    public Task CreateAccountAsync(ServiceAccount account, CancellationToken cancellationToken) =>
        Measure("create_account", () => inner.CreateAccountAsync(account, cancellationToken));

    public Task CreateAccountWithKeyAsync(ServiceAccount account, ApiKey key, CancellationToken cancellationToken) =>
        Measure("create_account", () => inner.CreateAccountWithKeyAsync(account, key, cancellationToken));

    public Task<ServiceAccount?> GetAccountAsync(string accountId, CancellationToken cancellationToken) =>
        Measure("get_account", () => inner.GetAccountAsync(accountId, cancellationToken));

    public Task<ServiceAccount?> FindAccountByNameAsync(string orgId, string name, CancellationToken cancellationToken) =>
        Measure("get_account", () => inner.FindAccountByNameAsync(orgId, name, cancellationToken));

    public Task<AccountPage> ListAccountsAsync(AccountQuery query, CancellationToken cancellationToken) =>
        Measure("list_accounts", () => inner.ListAccountsAsync(query, cancellationToken));

    public Task<bool> UpdateAccountAsync(ServiceAccount account, CancellationToken cancellationToken) =>
        Measure("update_account", () => inner.UpdateAccountAsync(account, cancellationToken));

    public Task<bool> DeleteAccountAsync(string accountId, CancellationToken cancellationToken) =>
        Measure("delete_account", () => inner.DeleteAccountAsync(accountId, cancellationToken));

    public Task CreateKeyAsync(ApiKey key, CancellationToken cancellationToken) =>
        Measure("create_key", () => inner.CreateKeyAsync(key, cancellationToken));

    public Task<ApiKey?> GetKeyAsync(string keyId, CancellationToken cancellationToken) =>
        Measure("get_key", () => inner.GetKeyAsync(keyId, cancellationToken));

    public Task<IReadOnlyList<ApiKey>> ListKeysAsync(string accountId, CancellationToken cancellationToken) =>
        Measure("list_keys", () => inner.ListKeysAsync(accountId, cancellationToken));

    public Task<bool> RevokeKeyAsync(string keyId, DateTimeOffset revokedAt, CancellationToken cancellationToken) =>
        Measure("revoke_key", () => inner.RevokeKeyAsync(keyId, revokedAt, cancellationToken));

    public Task<bool> UpdateKeyAsync(string keyId, string? description, RateLimit? rateLimit, Quota? quota, CancellationToken cancellationToken) =>
        Measure("update_key", () => inner.UpdateKeyAsync(keyId, description, rateLimit, quota, cancellationToken));

    public Task<bool> ReplaceKeyAsync(string oldKeyId, ApiKey newKey, DateTimeOffset revokedAt, CancellationToken cancellationToken) =>
        Measure("replace_key", () => inner.ReplaceKeyAsync(oldKeyId, newKey, revokedAt, cancellationToken));

    public Task ReplaceAllKeysAsync(string accountId, ApiKey newKey, DateTimeOffset revokedAt, CancellationToken cancellationToken) =>
        Measure("replace_all_keys", () => inner.ReplaceAllKeysAsync(accountId, newKey, revokedAt, cancellationToken));

    /// <remarks>
    /// A lookup that completed synchronously (the embedded store's) is measured without a closure or an
    /// asynchronous wrapper: on a cache miss it is the store's only cost besides the read itself.
    /// </remarks>
    public Task<Credential?> FindCredentialAsync(string keyId, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        Task<Credential?> lookup;
        try
        {
            lookup = inner.FindCredentialAsync(keyId, cancellationToken);
        }
        catch (Exception ex)
        {
            lookup = Task.FromException<Credential?>(ex);
        }

        if (!lookup.IsCompletedSuccessfully)
        {
            return Complete(FindCredential, lookup, started);
        }

        _findCredentialDuration.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        return lookup;
    }

    public Task TouchKeysAsync(IReadOnlyDictionary<string, DateTimeOffset> lastUsed, CancellationToken cancellationToken) =>
        Measure("touch_keys", () => inner.TouchKeysAsync(lastUsed, cancellationToken));

    public Task<StoreStatistics> GetStatisticsAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        Measure("statistics", () => inner.GetStatisticsAsync(now, cancellationToken));

    public Task<bool> ReplaceKeyLaterAsync(string oldKeyId, ApiKey newKey, DateTimeOffset revokesAt, CancellationToken cancellationToken) =>
        Measure("replace_key_later", () => inner.ReplaceKeyLaterAsync(oldKeyId, newKey, revokesAt, cancellationToken));

    public Task<IReadOnlyList<string>> ListDueRevocationsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        Measure("list_due_revocations", () => inner.ListDueRevocationsAsync(now, limit, cancellationToken));

    public Task<ApiKey?> CompleteScheduledRevocationAsync(string keyId, DateTimeOffset now, CancellationToken cancellationToken) =>
        Measure("complete_scheduled_revocation", () => inner.CompleteScheduledRevocationAsync(keyId, now, cancellationToken));

    public Task<IReadOnlyList<Role>> ListRolesAsync(CancellationToken cancellationToken) =>
        Measure("list_roles", () => inner.ListRolesAsync(cancellationToken));

    public Task<bool> PutRoleAsync(Role role, CancellationToken cancellationToken) =>
        Measure("put_role", () => inner.PutRoleAsync(role, cancellationToken));

    private async Task Measure(string operation, Func<Task> call) =>
        await Measure(operation, async () =>
        {
            await call();
            return true;
        });

    private Task<T> Measure<T>(string operation, Func<Task<T>> call)
    {
        var started = Stopwatch.GetTimestamp();
        return Complete(operation, Start(call), started);
    }

    /// <summary>The task of <paramref name="call"/>, or a faulted one when it threw before returning a task.</summary>
    private static Task<T> Start<T>(Func<Task<T>> call)
    {
        try
        {
            return call();
        }
        catch (Exception ex)
        {
            return Task.FromException<T>(ex);
        }
    }

    private async Task<T> Complete<T>(string operation, Task<T> call, long started)
    {
        try
        {
            return await call;
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not DuplicateNameException)
        {
            metrics.StoreErrors.WithLabels(storeName, operation).Inc();
            throw;
        }
        finally
        {
            metrics.StoreDuration.WithLabels(storeName, operation).Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }
}
