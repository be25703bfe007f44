namespace Gateway.Accounts;

/// <summary>
/// Durable storage of service accounts and their keys. Every acknowledged write survives a restart.
/// Implementations: <see cref="Sqlite.SqliteAccountStore"/> (embedded mode); all pass one contract test suite.
/// </summary>
public interface IAccountStore
{
    /// <summary>Creates or migrates the schema; called once at start-up before any other member.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Cheap round trip used by the readiness check; throws when the store is unreachable.</summary>
    Task PingAsync(CancellationToken cancellationToken);

    /// <summary><c>true</c> when no account exists (first start).</summary>
    Task<bool> IsEmptyAsync(CancellationToken cancellationToken);

    /// <summary>Adds an account; throws <see cref="DuplicateNameException"/> when its name is taken in its org.</summary>
    Task CreateAccountAsync(ServiceAccount account, CancellationToken cancellationToken);

    /// <summary>Adds an account together with its first key, atomically (bootstrap and runner provisioning).</summary>
    Task CreateAccountWithKeyAsync(ServiceAccount account, ApiKey key, CancellationToken cancellationToken);

    /// <summary>The account, or <c>null</c>.</summary>
    Task<ServiceAccount?> GetAccountAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>The account with this name in this org, or <c>null</c>.</summary>
    Task<ServiceAccount?> FindAccountByNameAsync(string orgId, string name, CancellationToken cancellationToken);

    /// <summary>One page of accounts ordered by creation time, then id.</summary>
    Task<AccountPage> ListAccountsAsync(AccountQuery query, CancellationToken cancellationToken);

    /// <summary>Replaces the mutable fields of an existing account; <c>false</c> when it does not exist.</summary>
    Task<bool> UpdateAccountAsync(ServiceAccount account, CancellationToken cancellationToken);

    /// <summary>Removes the account and every key it owns in one transaction; <c>false</c> when it does not exist.</summary>
    Task<bool> DeleteAccountAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>Adds a key to an existing account.</summary>
    Task CreateKeyAsync(ApiKey key, CancellationToken cancellationToken);

    /// <summary>The key, or <c>null</c>.</summary>
    Task<ApiKey?> GetKeyAsync(string keyId, CancellationToken cancellationToken);

    /// <summary>All keys of the account (revoked ones included), oldest first.</summary>
    Task<IReadOnlyList<ApiKey>> ListKeysAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>Marks the key revoked at <paramref name="revokedAt"/>; <c>false</c> when it does not exist. Idempotent.</summary>
    Task<bool> RevokeKeyAsync(string keyId, DateTimeOffset revokedAt, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the description, rate limit and quota of an existing key (revoked or not), leaving every other field;
    /// <c>false</c> when it does not exist.
    /// </summary>
    Task<bool> UpdateKeyAsync(string keyId, string? description, RateLimit? rateLimit, Quota? quota, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically revokes <paramref name="oldKeyId"/> and adds <paramref name="newKey"/> (renewal);
    /// <c>false</c>, with nothing written, when the old key does not exist or is already revoked.
    /// </summary>
    Task<bool> ReplaceKeyAsync(string oldKeyId, ApiKey newKey, DateTimeOffset revokedAt, CancellationToken cancellationToken);

    /// <summary>
    /// Renewal with a grace period: atomically schedules the revocation of <paramref name="oldKeyId"/> at
    /// <paramref name="revokesAt"/> (an earlier schedule stands) and adds <paramref name="newKey"/>; <c>false</c>, with
    /// nothing written, when the old key does not exist or is already revoked.
    /// </summary>
    Task<bool> ReplaceKeyLaterAsync(string oldKeyId, ApiKey newKey, DateTimeOffset revokesAt, CancellationToken cancellationToken);

    /// <summary>Ids of keys whose scheduled revocation is due at <paramref name="now"/>, earliest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<string>> ListDueRevocationsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Carries out the scheduled revocation of <paramref name="keyId"/> when it is due at <paramref name="now"/>: the
    /// key becomes revoked as of its <see cref="ApiKey.RevokesAt"/>, as one conditional write. Returns the revoked key
    /// to the one caller (on any replica) whose write made the change; <c>null</c> to every other caller and when the
    /// key is unknown, revoked already or not due.
    /// </summary>
    Task<ApiKey?> CompleteScheduledRevocationAsync(string keyId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Atomically revokes every key of the account that is not yet revoked and adds <paramref name="newKey"/>.</summary>
    Task ReplaceAllKeysAsync(string accountId, ApiKey newKey, DateTimeOffset revokedAt, CancellationToken cancellationToken);

    /// <summary>
    /// The key and its account in one lookup by key id, or <c>null</c>: the authentication hot path. The key's
    /// <see cref="ApiKey.LastUsedAt"/> may be left out (the embedded store does: nothing that authenticates reads it);
    /// <see cref="GetKeyAsync"/> has it.
    /// </summary>
    Task<Credential?> FindCredentialAsync(string keyId, CancellationToken cancellationToken);

    /// <summary>
    /// Raises <c>lastUsedAt</c> of each key to the given time when that is at least <see cref="LastUsed.Resolution"/>
    /// later than the stored value (or none is stored); never lowers it; unknown keys are ignored. Called in batches
    /// by the audit writer, not per request.
    /// </summary>
    Task TouchKeysAsync(IReadOnlyDictionary<string, DateTimeOffset> lastUsed, CancellationToken cancellationToken);

    /// <summary>Active accounts and keys as of <paramref name="now"/>.</summary>
    Task<StoreStatistics> GetStatisticsAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Every custom role, by name.</summary>
    Task<IReadOnlyList<Accounts.Roles.Role>> ListRolesAsync(CancellationToken cancellationToken);

    /// <summary>Creates or replaces a custom role; <c>true</c> when it was created.</summary>
    Task<bool> PutRoleAsync(Accounts.Roles.Role role, CancellationToken cancellationToken);
}
