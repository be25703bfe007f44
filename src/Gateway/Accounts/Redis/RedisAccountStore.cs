using System.Globalization;
using Gateway.Errors;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Role = Gateway.Accounts.Roles.Role;

namespace Gateway.Accounts.Redis;

/// <summary>
/// The shared <see cref="IAccountStore"/> for any number of replicas, on one Redis or a Redis Cluster (layout in
/// <see cref="RedisKeyLayout"/>). An account, its keys and its key list share a hash tag, so every change to them
/// is one Lua script in one slot. The few writes that span slots (the per-org name reservation, the listing
/// indexes, the key-id index) are ordered so that a crash between them never makes a revoked or deleted key
/// usable and never shows a half-created account: indexes are written before the record they point to becomes
/// visible, records are removed before their indexes, and readers ignore index entries whose record is missing.
/// Redis errors and timeouts surface as <see cref="StoreUnavailableException"/>.
/// </summary>
public sealed partial class RedisAccountStore : IAccountStore
{
    /// <summary>Version of the key layout written to <see cref="RedisKeyLayout.Schema"/>: 1.</summary>
    public const int SchemaVersion = 1;

    /// <summary>
    /// How old a name reservation whose account does not exist must be before another account may take the name
    /// over (it was left by a creation that crashed half-way): 10 seconds, far longer than a creation takes.
    /// </summary>
    public static readonly TimeSpan NameReservationGrace = TimeSpan.FromSeconds(10);

    private const int ListBatch = 128;
    private const int MaxScriptAttempts = 8;

    private readonly IConnectionMultiplexer _redis;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates a store over <paramref name="redis"/> whose keys start with <paramref name="keyPrefix"/>.</summary>
    public RedisAccountStore(IConnectionMultiplexer redis, string keyPrefix, TimeProvider time, ILogger<RedisAccountStore> logger)
    {
        _redis = redis;
        _time = time;
        _logger = logger;
        Keys = new RedisKeyLayout(keyPrefix);
    }

    /// <summary>The key layout in use.</summary>
    public RedisKeyLayout Keys { get; }

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken) => Guard("initialize", async db =>
    {
        await db.StringSetAsync(Keys.Schema, SchemaVersion, when: When.NotExists);
        var version = (int)await db.StringGetAsync(Keys.Schema);
        if (version > SchemaVersion)
        {
            throw new InvalidOperationException(
                $"The Redis store was written by a newer gateway (layout {version}; this one knows {SchemaVersion}).");
        }

        return true;
    });

    /// <inheritdoc />
    public Task PingAsync(CancellationToken cancellationToken) => Guard("ping", async db => await db.PingAsync());

    /// <inheritdoc />
    public Task<bool> IsEmptyAsync(CancellationToken cancellationToken) => Guard("is-empty", async db =>
    {
        for (long offset = 0; ; offset += ListBatch)
        {
            var ids = await db.SortedSetRangeByRankAsync(Keys.AllAccounts, offset, offset + ListBatch - 1);
            if (ids.Length == 0)
            {
                return true;
            }

            var exists = await Task.WhenAll(ids.Select(id => db.KeyExistsAsync(Keys.Account(id!))));
            if (exists.Any(e => e))
            {
                return false;
            }
        }
    });

    /// <inheritdoc />
    public Task CreateAccountAsync(ServiceAccount account, CancellationToken cancellationToken) =>
        Guard("create-account", db => CreateAccountCoreAsync(db, account, null));

    /// <inheritdoc />
    public Task CreateAccountWithKeyAsync(ServiceAccount account, ApiKey key, CancellationToken cancellationToken)
    {
        if (key.AccountId != account.Id)
        {
            throw new ArgumentException("The key must belong to the account being created.", nameof(key));
        }

        return Guard("create-account", db => CreateAccountCoreAsync(db, account, key));
    }

    /// <inheritdoc />
    public Task<ServiceAccount?> GetAccountAsync(string accountId, CancellationToken cancellationToken) =>
        Guard("get-account", async db => RedisRecords.ReadAccount(await db.HashGetAllAsync(Keys.Account(accountId))));

    /// <inheritdoc />
    public Task<ServiceAccount?> FindAccountByNameAsync(string orgId, string name, CancellationToken cancellationToken) =>
        Guard("find-account", async db =>
        {
            if (await NameOwnerAsync(db, orgId, name) is not { } owner)
            {
                return null;
            }

            var account = RedisRecords.ReadAccount(await db.HashGetAllAsync(Keys.Account(owner)));
            return account is not null && account.OrgId == orgId && account.Name == name ? account : null;
        });

    /// <inheritdoc />
    public Task<AccountPage> ListAccountsAsync(AccountQuery query, CancellationToken cancellationToken) =>
        Guard("list-accounts", db => ListAccountsCoreAsync(db, query));

    /// <inheritdoc />
    public Task<bool> UpdateAccountAsync(ServiceAccount account, CancellationToken cancellationToken) =>
        Guard("update-account", async db =>
        {
            var (delete, set) = RedisRecords.AccountUpdate(account);
            var values = new List<RedisValue>(1 + delete.Count + set.Count) { delete.Count };
            values.AddRange(delete);
            values.AddRange(set);
            return (int)await db.ScriptEvaluateAsync(RedisScripts.UpdateAccount, [Keys.Account(account.Id)], values.ToArray()) == 1;
        });

    /// <inheritdoc />
    public Task<bool> DeleteAccountAsync(string accountId, CancellationToken cancellationToken) =>
        Guard("delete-account", async db =>
        {
            if (RedisRecords.ReadAccount(await db.HashGetAllAsync(Keys.Account(accountId))) is not { } account)
            {
                return false;
            }

            if (await DeleteAccountRecordsAsync(db, accountId) is not { } keyIds)
            {
                return false;
            }

            await RemoveIndexesQuietlyAsync(db, account, keyIds);
            return true;
        });

    /// <inheritdoc />
    public Task CreateKeyAsync(ApiKey key, CancellationToken cancellationToken) => Guard("create-key", async db =>
    {
        await IndexKeyAsync(db, key);
        var values = new List<RedisValue> { Score(key.CreatedAt), key.Id };
        values.AddRange(RedisRecords.KeyFields(key));
        var result = (int)await db.ScriptEvaluateAsync(RedisScripts.CreateKey,
            [Keys.Account(key.AccountId), Keys.AccountKeys(key.AccountId), Keys.Key(key.AccountId, key.Id)], values.ToArray());
        switch (result)
        {
            case -1:
                await db.KeyDeleteAsync(Keys.KeyIndex(key.Id));
                throw new InvalidOperationException($"No service account '{key.AccountId}'.");
            case 0:
                throw new InvalidOperationException($"A key '{key.Id}' already exists.");
        }

        return true;
    });

    /// <inheritdoc />
    public Task<ApiKey?> GetKeyAsync(string keyId, CancellationToken cancellationToken) => Guard("get-key", async db =>
    {
        var accountId = await db.StringGetAsync(Keys.KeyIndex(keyId));
        return accountId.IsNull ? null : RedisRecords.ReadKey(await db.HashGetAllAsync(Keys.Key(accountId!, keyId)));
    });

    /// <inheritdoc />
    public Task<IReadOnlyList<ApiKey>> ListKeysAsync(string accountId, CancellationToken cancellationToken) =>
        Guard<IReadOnlyList<ApiKey>>("list-keys", async db =>
        {
            var ids = await db.SortedSetRangeByRankAsync(Keys.AccountKeys(accountId));
            var hashes = await Task.WhenAll(ids.Select(id => db.HashGetAllAsync(Keys.Key(accountId, id!))));
            return hashes.Select(RedisRecords.ReadKey).OfType<ApiKey>().ToList();
        });

    /// <inheritdoc />
    public Task TouchKeysAsync(IReadOnlyDictionary<string, DateTimeOffset> lastUsed, CancellationToken cancellationToken) =>
        Guard("touch-keys", async db =>
        {
            var keyIds = lastUsed.Keys.ToArray();
            var owners = await Task.WhenAll(keyIds.Select(id => db.StringGetAsync(Keys.KeyIndex(id))));
            var touches = new List<Task>(keyIds.Length);
            for (var i = 0; i < keyIds.Length; i++)
            {
                if (!owners[i].IsNull)
                {
                    touches.Add(db.ScriptEvaluateAsync(RedisScripts.TouchKey, [Keys.Key(owners[i]!, keyIds[i])],
                        [lastUsed[keyIds[i]].ToUnixTimeMilliseconds(), LastUsed.ResolutionMilliseconds]));
                }
            }

            await Task.WhenAll(touches);
        });

    /// <inheritdoc />
    /// <remarks>Walks every account and its keys in pipelined batches: meant for the 30-second gauge refresh, not for requests.</remarks>
    public Task<StoreStatistics> GetStatisticsAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        Guard("statistics", async db =>
        {
            long accounts = 0, keys = 0;
            var nowMs = now.ToUnixTimeMilliseconds();
            for (long offset = 0; ; offset += ListBatch)
            {
                var ids = await db.SortedSetRangeByRankAsync(Keys.AllAccounts, offset, offset + ListBatch - 1);
                var statuses = await Task.WhenAll(ids.Select(id => db.HashGetAsync(Keys.Account(id!), "status")));
                accounts += statuses.Count(s => !s.IsNull && (int)s == (int)AccountStatus.Active);
                var keyLists = await Task.WhenAll(ids.Select(id => db.SortedSetRangeByRankAsync(Keys.AccountKeys(id!))));
                var states = await Task.WhenAll(ids.Zip(keyLists).SelectMany(pair => pair.Second.Select(keyId =>
                    db.HashGetAsync(Keys.Key(pair.First!, keyId!), ["revoked", "expires"]))));
                keys += states.Count(f => f[0].IsNull && (f[1].IsNull || (long)f[1] > nowMs));
                if (ids.Length < ListBatch)
                {
                    return new StoreStatistics(accounts, keys);
                }
            }
        });

    /// <inheritdoc />
    public Task<bool> RevokeKeyAsync(string keyId, DateTimeOffset revokedAt, CancellationToken cancellationToken) =>
        Guard("revoke-key", async db =>
        {
            var accountId = await db.StringGetAsync(Keys.KeyIndex(keyId));
            return !accountId.IsNull && (int)await db.ScriptEvaluateAsync(RedisScripts.RevokeKey,
                [Keys.Key(accountId!, keyId)], [revokedAt.ToUnixTimeMilliseconds()]) == 1;
        });

    /// <inheritdoc />
    public Task<bool> UpdateKeyAsync(
        string keyId, string? description, RateLimit? rateLimit, Quota? quota, CancellationToken cancellationToken) =>
        Guard("update-key", async db =>
        {
            var accountId = await db.StringGetAsync(Keys.KeyIndex(keyId));
            var limits = UsageLimits.Serialize(rateLimit, quota);
            return !accountId.IsNull && (int)await db.ScriptEvaluateAsync(RedisScripts.UpdateKey,
                [Keys.Key(accountId!, keyId)], [description ?? "", limits ?? ""]) == 1;
        });

    /// <summary>
    /// Before replacing <paramref name="oldKeyId"/>: <c>false</c> when it does not exist; the new key must belong to
    /// the same account; then the new key's id index is written (the replacement script writes the rest).
    /// </summary>
    private async Task<bool> IndexReplacementAsync(IDatabase db, string oldKeyId, ApiKey newKey)
    {
        var owner = await db.StringGetAsync(Keys.KeyIndex(oldKeyId));
        if (owner.IsNull)
        {
            return false;
        }

        if (owner != newKey.AccountId)
        {
            throw new ArgumentException("The new key must belong to the old key's account.", nameof(newKey));
        }

        await IndexKeyAsync(db, newKey);
        return true;
    }

    /// <inheritdoc />
    public Task<bool> ReplaceKeyAsync(string oldKeyId, ApiKey newKey, DateTimeOffset revokedAt, CancellationToken cancellationToken) =>
        Guard("replace-key", async db =>
        {
            if (!await IndexReplacementAsync(db, oldKeyId, newKey))
            {
                return false;
            }

            var accountId = newKey.AccountId;
            var values = new List<RedisValue> { revokedAt.ToUnixTimeMilliseconds(), Score(newKey.CreatedAt), newKey.Id };
            values.AddRange(RedisRecords.KeyFields(newKey));
            var result = (int)await db.ScriptEvaluateAsync(RedisScripts.ReplaceKey,
                [Keys.Account(accountId), Keys.AccountKeys(accountId), Keys.Key(accountId, oldKeyId), Keys.Key(accountId, newKey.Id)],
                values.ToArray());
            if (result == 1)
            {
                return true;
            }

            await db.KeyDeleteAsync(Keys.KeyIndex(newKey.Id));
            return result == -1 ? throw new InvalidOperationException($"No service account '{accountId}'.") : false;
        });

    /// <inheritdoc />
    public Task ReplaceAllKeysAsync(string accountId, ApiKey newKey, DateTimeOffset revokedAt, CancellationToken cancellationToken) =>
        Guard("replace-all-keys", async db =>
        {
            if (newKey.AccountId != accountId)
            {
                throw new ArgumentException("The new key must belong to the account.", nameof(newKey));
            }

            await IndexKeyAsync(db, newKey);
            var values = new List<RedisValue> { revokedAt.ToUnixTimeMilliseconds(), Score(newKey.CreatedAt), newKey.Id };
            values.AddRange(RedisRecords.KeyFields(newKey));
            for (var attempt = 0; attempt < MaxScriptAttempts; attempt++)
            {
                var existing = await db.SortedSetRangeByRankAsync(Keys.AccountKeys(accountId));
                var keys = new List<RedisKey>(3 + existing.Length)
                {
                    Keys.Account(accountId), Keys.AccountKeys(accountId), Keys.Key(accountId, newKey.Id),
                };
                keys.AddRange(existing.Select(id => Keys.Key(accountId, id!)));
                switch ((int)await db.ScriptEvaluateAsync(RedisScripts.ReplaceAllKeys, keys.ToArray(), values.ToArray()))
                {
                    case 1:
                        return true;
                    case -2:
                        await db.KeyDeleteAsync(Keys.KeyIndex(newKey.Id));
                        throw new InvalidOperationException($"No service account '{accountId}'.");
                }
            }

            throw new InvalidOperationException($"The keys of '{accountId}' kept changing; try again.");
        });

    /// <inheritdoc />
    public Task<Credential?> FindCredentialAsync(string keyId, CancellationToken cancellationToken) =>
        Guard("find-credential", async db =>
        {
            var accountId = await db.StringGetAsync(Keys.KeyIndex(keyId));
            if (accountId.IsNull)
            {
                return null;
            }

            var reply = (RedisResult[])(await db.ScriptEvaluateAsync(RedisScripts.FindCredential,
                [Keys.Key(accountId!, keyId), Keys.Account(accountId!)]))!;
            var key = RedisRecords.ReadKey(reply[0]);
            var account = RedisRecords.ReadAccount(reply[1]);
            return key is null || account is null ? null : new Credential(key, account);
        });

    /// <inheritdoc />
    public Task<IReadOnlyList<Role>> ListRolesAsync(CancellationToken cancellationToken) =>
        Guard<IReadOnlyList<Role>>("list-roles", async db =>
        {
            var names = (await db.SetMembersAsync(Keys.RoleNames)).Select(n => (string)n!).Order(StringComparer.Ordinal).ToArray();
            var hashes = await Task.WhenAll(names.Select(n => db.HashGetAllAsync(Keys.Role(n))));
            var roles = new List<Role>(names.Length);
            for (var i = 0; i < names.Length; i++)
            {
                if (RedisRecords.ReadRole(names[i], hashes[i]) is { } role)
                {
                    roles.Add(role);
                }
            }

            return roles;
        });

    /// <inheritdoc />
    public Task<bool> PutRoleAsync(Role role, CancellationToken cancellationToken) => Guard("put-role", async db =>
    {
        var values = new List<RedisValue>
        {
            role.Name, role.CreatedAt.ToUnixTimeMilliseconds(), role.UpdatedAt.ToUnixTimeMilliseconds(), RedisRecords.Join(role.Scopes),
        };
        if (role.Description is not null)
        {
            values.Add(role.Description);
        }

        return (int)await db.ScriptEvaluateAsync(RedisScripts.PutRole, [Keys.RoleNames, Keys.Role(role.Name)], values.ToArray()) == 1;
    });

    private async Task<bool> CreateAccountCoreAsync(IDatabase db, ServiceAccount account, ApiKey? key)
    {
        // 1. Reserve the name and list the account in its org (one script in the org's slot): the uniqueness point.
        await ReserveNameAsync(db, account);
        var committing = false;
        try
        {
            // 2. Indexes before the record they point to: readers skip index entries whose record does not exist.
            await db.SortedSetAddAsync(Keys.AllAccounts, account.Id, Score(account.CreatedAt));
            if (key is not null)
            {
                await IndexKeyAsync(db, key);
            }

            // 3. The account (and its first key) appear together: the commit point.
            var fields = RedisRecords.AccountFields(account);
            var values = new List<RedisValue>(fields.Count + 32) { fields.Count };
            values.AddRange(fields);
            var keys = new List<RedisKey>(3) { Keys.Account(account.Id), Keys.AccountKeys(account.Id) };
            if (key is not null)
            {
                keys.Add(Keys.Key(account.Id, key.Id));
                values.Add(Score(key.CreatedAt));
                values.Add(key.Id);
                values.AddRange(RedisRecords.KeyFields(key));
            }

            committing = true;
            if ((int)await db.ScriptEvaluateAsync(RedisScripts.CreateAccount, keys.ToArray(), values.ToArray()) == 0)
            {
                throw new InvalidOperationException($"An account '{account.Id}' already exists.");
            }
        }
        catch (Exception ex) when (IsUnavailable(ex) && !committing)
        {
            // Nothing is visible without the account record; tidy the indexes if Redis still answers. (Once the
            // script was sent its outcome is unknown, so the indexes stay: without a record they are inert.)
            await RemoveIndexesQuietlyAsync(db, account, key is null ? [] : [key.Id]);
            throw;
        }

        // 4. After the commit point: the name can only have been taken over if this creation stalled past the
        // grace period; then the other account keeps it and this one is rolled back.
        try
        {
            if (await NameOwnerAsync(db, account.OrgId, account.Name) != account.Id
                && await DeleteAccountRecordsAsync(db, account.Id) is { } keyIds)
            {
                await RemoveIndexesQuietlyAsync(db, account, keyIds);
                throw new DuplicateNameException(account.OrgId, account.Name);
            }
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            LogPostCommitCheckFailed(_logger, ex, account.Id);
        }

        return true;
    }

    private async Task ReserveNameAsync(IDatabase db, ServiceAccount account)
    {
        RedisKey[] keys = [Keys.OrgNames(account.OrgId), Keys.OrgAccounts(account.OrgId)];
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        RedisValue[] values =
        [
            account.Name, account.Id, now, Score(account.CreatedAt), (long)NameReservationGrace.TotalMilliseconds, "",
        ];
        var reply = (RedisResult[])(await db.ScriptEvaluateAsync(RedisScripts.ReserveName, keys, values))!;
        if ((int)reply[0] == 1)
        {
            return;
        }

        // Held by another id: a live account keeps its name; a reservation without an account (a creation that
        // crashed half-way, or a delete whose clean-up did not finish) is taken over once past the grace period.
        var owner = (string)reply[1]!;
        if (!await db.KeyExistsAsync(Keys.Account(owner)))
        {
            values[^1] = owner;
            reply = (RedisResult[])(await db.ScriptEvaluateAsync(RedisScripts.ReserveName, keys, values))!;
            if ((int)reply[0] == 1)
            {
                return;
            }
        }

        throw new DuplicateNameException(account.OrgId, account.Name);
    }

    private async Task<string?> NameOwnerAsync(IDatabase db, string orgId, string name)
    {
        var value = await db.HashGetAsync(Keys.OrgNames(orgId), name);
        if (value.IsNull)
        {
            return null;
        }

        var text = (string)value!;
        var separator = text.IndexOf('|', StringComparison.Ordinal);
        return separator < 0 ? text : text[..separator];
    }

    private async Task IndexKeyAsync(IDatabase db, ApiKey key)
    {
        if (!await db.StringSetAsync(Keys.KeyIndex(key.Id), key.AccountId, when: When.NotExists)
            && await db.StringGetAsync(Keys.KeyIndex(key.Id)) != key.AccountId)
        {
            throw new InvalidOperationException($"The key id '{key.Id}' is already in use.");
        }
    }

    /// <summary>Deletes the account record and every key record at once; their ids, or <c>null</c> when absent.</summary>
    private async Task<string[]?> DeleteAccountRecordsAsync(IDatabase db, string accountId)
    {
        for (var attempt = 0; attempt < MaxScriptAttempts; attempt++)
        {
            var keyIds = (await db.SortedSetRangeByRankAsync(Keys.AccountKeys(accountId))).Select(k => (string)k!).ToArray();
            var keys = new List<RedisKey>(2 + keyIds.Length) { Keys.Account(accountId), Keys.AccountKeys(accountId) };
            keys.AddRange(keyIds.Select(id => Keys.Key(accountId, id)));
            switch ((int)await db.ScriptEvaluateAsync(RedisScripts.DeleteAccount, keys.ToArray()))
            {
                case 1:
                    return keyIds;
                case 0:
                    return null;
            }
        }

        throw new InvalidOperationException($"The keys of '{accountId}' kept changing; try again.");
    }

    /// <summary>
    /// Removes the index entries of an account whose records are gone (or were never written). Best effort: an
    /// entry left behind points at nothing, which every reader treats as absent.
    /// </summary>
    private async Task RemoveIndexesQuietlyAsync(IDatabase db, ServiceAccount account, IReadOnlyCollection<string> keyIds)
    {
        try
        {
            var tasks = new List<Task>(keyIds.Count + 2)
            {
                db.SortedSetRemoveAsync(Keys.AllAccounts, account.Id),
                db.ScriptEvaluateAsync(RedisScripts.ReleaseName,
                    [Keys.OrgNames(account.OrgId), Keys.OrgAccounts(account.OrgId)], [account.Name, account.Id]),
            };
            tasks.AddRange(keyIds.Select(id => db.KeyDeleteAsync(Keys.KeyIndex(id))));
            await Task.WhenAll(tasks);
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            LogCleanupFailed(_logger, ex, account.Id);
        }
    }

    private async Task<AccountPage> ListAccountsCoreAsync(IDatabase db, AccountQuery query)
    {
        var source = query.OrgId is { } org ? Keys.OrgAccounts(org) : Keys.AllAccounts;
        var after = query.After;
        var start = after is null ? double.NegativeInfinity : after.CreatedAtMs;
        var pageSize = AccountListing.PageSize(query);
        var items = new List<ServiceAccount>(pageSize + 1);
        for (long offset = 0; items.Count <= pageSize; offset += ListBatch)
        {
            var batch = await db.SortedSetRangeByScoreWithScoresAsync(
                source, start, double.PositiveInfinity, Exclude.None, Order.Ascending, offset, ListBatch);
            var candidates = batch
                .Where(e => AccountListing.IsAfter((long)e.Score, (string)e.Element!, after))
                .Select(e => (string)e.Element!)
                .ToArray();
            var hashes = await Task.WhenAll(candidates.Select(id => db.HashGetAllAsync(Keys.Account(id))));
            foreach (var hash in hashes)
            {
                if (RedisRecords.ReadAccount(hash) is { } account && AccountListing.Matches(account, query))
                {
                    items.Add(account);
                    if (items.Count > pageSize)
                    {
                        break;
                    }
                }
            }

            if (batch.Length < ListBatch)
            {
                break;
            }
        }

        return AccountListing.ToPage(items, pageSize);
    }

    private static double Score(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    private async Task<T> Guard<T>(string operation, Func<IDatabase, Task<T>> action)
    {
        try
        {
            return await action(_redis.GetDatabase());
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            throw new StoreUnavailableException(
                string.Create(CultureInfo.InvariantCulture, $"Redis did not answer ({operation}): {ex.GetType().Name}."), ex);
        }
    }

    private async Task Guard(string operation, Func<IDatabase, Task> action) =>
        await Guard(operation, async db =>
        {
            await action(db);
            return true;
        });

    /// <summary>
    /// Whether <paramref name="exception"/> means Redis is unreachable or not serving (as opposed to a bug): connection
    /// failures, timeouts, and the server errors of a node that is loading, failing over or out of its slots. A
    /// command the client refuses to send (<see cref="RedisCommandException"/>, e.g. keys in two slots) is a bug.
    /// </summary>
    internal static bool IsUnavailable(Exception exception) => exception switch
    {
        RedisCommandException => false,
        RedisServerException server => server.Message.StartsWith("LOADING", StringComparison.Ordinal)
            || server.Message.StartsWith("CLUSTERDOWN", StringComparison.Ordinal)
            || server.Message.StartsWith("TRYAGAIN", StringComparison.Ordinal)
            || server.Message.StartsWith("MASTERDOWN", StringComparison.Ordinal)
            || server.Message.StartsWith("READONLY", StringComparison.Ordinal)
            || server.Message.StartsWith("BUSY", StringComparison.Ordinal),
        RedisException or TimeoutException or ObjectDisposedException => true,
        _ => false,
    };
}
