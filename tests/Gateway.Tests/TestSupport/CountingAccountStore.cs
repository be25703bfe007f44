using Gateway.Accounts;
using Gateway.Accounts.Roles;
using Gateway.Errors;

namespace Gateway.Tests.TestSupport;

/// <summary>
/// A real store with a probe on the credential lookup: counts the calls, can fail them as an unreachable store
/// would, and can hold them until the test releases a gate; and a fault on the due-revocations query. Every other
/// member passes straight through.
/// </summary>
public sealed class CountingAccountStore(IAccountStore inner) : IAccountStore
{
    private int _findCalls;

    /// <summary>How many times <see cref="FindCredentialAsync"/> was called.</summary>
    public int FindCalls => Volatile.Read(ref _findCalls);

    /// <summary>When set, lookups throw <see cref="StoreUnavailableException"/>.</summary>
    public bool Unreachable { get; set; }

    /// <summary>When set, lookups wait for it to complete before reading.</summary>
    public Task? Gate { get; set; }

    private int _dueRevocationCalls;

    /// <summary>How many times <see cref="ListDueRevocationsAsync"/> was called.</summary>
    public int DueRevocationCalls => Volatile.Read(ref _dueRevocationCalls);

    /// <summary>When set, <see cref="ListDueRevocationsAsync"/> throws it (whatever its type) instead of reading.</summary>
    public Exception? DueRevocationsFailure { get; set; }

    public async Task<Credential?> FindCredentialAsync(string keyId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _findCalls);
        if (Gate is { } gate)
        {
            await gate;
        }

        return Unreachable
            ? throw new StoreUnavailableException("The test made the store unreachable.")
            : await inner.FindCredentialAsync(keyId, cancellationToken);
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

    public Task TouchKeysAsync(IReadOnlyDictionary<string, DateTimeOffset> lastUsed, CancellationToken cancellationToken) =>
        inner.TouchKeysAsync(lastUsed, cancellationToken);

    public Task<StoreStatistics> GetStatisticsAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.GetStatisticsAsync(now, cancellationToken);

    public Task PingAsync(CancellationToken cancellationToken) => inner.PingAsync(cancellationToken);

    public Task<bool> IsEmptyAsync(CancellationToken cancellationToken) => inner.IsEmptyAsync(cancellationToken);

    public Task CreateAccountAsync(ServiceAccount account, CancellationToken cancellationToken) =>
        inner.CreateAccountAsync(account, cancellationToken);

    public Task CreateAccountWithKeyAsync(ServiceAccount account, ApiKey key, CancellationToken cancellationToken) =>
        inner.CreateAccountWithKeyAsync(account, key, cancellationToken);

    public Task<ServiceAccount?> GetAccountAsync(string accountId, CancellationToken cancellationToken) =>
        inner.GetAccountAsync(accountId, cancellationToken);

    public Task<ServiceAccount?> FindAccountByNameAsync(string orgId, string name, CancellationToken cancellationToken) =>
        inner.FindAccountByNameAsync(orgId, name, cancellationToken);

    public Task<AccountPage> ListAccountsAsync(AccountQuery query, CancellationToken cancellationToken) =>
        inner.ListAccountsAsync(query, cancellationToken);

    public Task<bool> UpdateAccountAsync(ServiceAccount account, CancellationToken cancellationToken) =>
        inner.UpdateAccountAsync(account, cancellationToken);

    public Task<bool> DeleteAccountAsync(string accountId, CancellationToken cancellationToken) =>
        inner.DeleteAccountAsync(accountId, cancellationToken);

    public Task CreateKeyAsync(ApiKey key, CancellationToken cancellationToken) => inner.CreateKeyAsync(key, cancellationToken);

    public Task<ApiKey?> GetKeyAsync(string keyId, CancellationToken cancellationToken) => inner.GetKeyAsync(keyId, cancellationToken);

    public Task<IReadOnlyList<ApiKey>> ListKeysAsync(string accountId, CancellationToken cancellationToken) =>
        inner.ListKeysAsync(accountId, cancellationToken);

    public Task<bool> RevokeKeyAsync(string keyId, DateTimeOffset revokedAt, CancellationToken cancellationToken) =>
        inner.RevokeKeyAsync(keyId, revokedAt, cancellationToken);

    public Task<bool> UpdateKeyAsync(string keyId, string? description, RateLimit? rateLimit, Quota? quota, CancellationToken cancellationToken) =>
        inner.UpdateKeyAsync(keyId, description, rateLimit, quota, cancellationToken);

    public Task<bool> ReplaceKeyAsync(string oldKeyId, ApiKey newKey, DateTimeOffset revokedAt, CancellationToken cancellationToken) =>
        inner.ReplaceKeyAsync(oldKeyId, newKey, revokedAt, cancellationToken);

    public Task<bool> ReplaceKeyLaterAsync(string oldKeyId, ApiKey newKey, DateTimeOffset revokesAt, CancellationToken cancellationToken) =>
        inner.ReplaceKeyLaterAsync(oldKeyId, newKey, revokesAt, cancellationToken);

    public Task<IReadOnlyList<string>> ListDueRevocationsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _dueRevocationCalls);
        return DueRevocationsFailure is { } failure
            ? Task.FromException<IReadOnlyList<string>>(failure)
            : inner.ListDueRevocationsAsync(now, limit, cancellationToken);
    }

    public Task<ApiKey?> CompleteScheduledRevocationAsync(string keyId, DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.CompleteScheduledRevocationAsync(keyId, now, cancellationToken);

    public Task ReplaceAllKeysAsync(string accountId, ApiKey newKey, DateTimeOffset revokedAt, CancellationToken cancellationToken) =>
        inner.ReplaceAllKeysAsync(accountId, newKey, revokedAt, cancellationToken);

    public Task<IReadOnlyList<Role>> ListRolesAsync(CancellationToken cancellationToken) => inner.ListRolesAsync(cancellationToken);

    public Task<bool> PutRoleAsync(Role role, CancellationToken cancellationToken) => inner.PutRoleAsync(role, cancellationToken);
}
