using Gateway.Accounts;
using Gateway.Accounts.Sqlite;
using Gateway.Audit;
using Gateway.Audit.Sqlite;
using Gateway.Tests.TestSupport;
using Microsoft.Data.Sqlite;

namespace Gateway.Tests.Audit;

/// <summary>
/// Schema migration 7: per-minute usage keyed <c>(minute, key_id)</c> and each key's last use in the narrow table
/// <c>key_last_used</c>. Usage and <c>lastUsedAt</c> written under schema 6 read back unchanged; a flush's rows in any
/// order, over several minutes, read back per key; a key deleted before its use is flushed does not fail the batch.
/// </summary>
public sealed class KeyUsageTablesTests : IDisposable
{
    private static readonly DateTimeOffset T0 = Samples.T0;
    private readonly TempDirectory _dir = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public async Task Migrate_FromSchema6_KeepsUsageRowsAndLastUsed()
    {
        var path = _dir.Combine("data", "gateway.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await ExecuteAsync(path, string.Join('\n', SqliteSchema.Migrations.Take(6)) + """

            PRAGMA user_version=6;
            INSERT INTO accounts (id, org_id, name, roles, allowed_cidrs, status, created_at, updated_at)
                VALUES ('sa_1', 'acme', 'svc', '', '', 0, 1, 1);
            INSERT INTO api_keys (id, account_id, kind, fingerprint, secret_hash, encrypted_secret, allowed_cidrs, created_at, last_used_at)
                VALUES ('ak_used', 'sa_1', 0, 'fp1', x'00', x'00', '', 1, 1900000000000),
                       ('ak_idle', 'sa_1', 0, 'fp2', x'00', x'00', '', 1, NULL);
            CREATE TABLE key_usage (
                key_id TEXT NOT NULL, minute INTEGER NOT NULL, requests INTEGER NOT NULL, denied INTEGER NOT NULL,
                PRIMARY KEY (key_id, minute)) WITHOUT ROWID;
            INSERT INTO key_usage VALUES ('ak_used', 31666667, 5, 1), ('ak_used', 31666668, 2, 0), ('ak_idle', 31666667, 9, 9);
            """);

        var accounts = new SqliteAccountStore(path);
        await accounts.InitializeAsync(CancellationToken.None);
        var audit = new SqliteAuditStore(path);

        Assert.Equal(T0, (await accounts.GetKeyAsync("ak_used", CancellationToken.None))!.LastUsedAt);
        Assert.Null((await accounts.GetKeyAsync("ak_idle", CancellationToken.None))!.LastUsedAt);
        Assert.Null((await accounts.FindCredentialAsync("ak_used", CancellationToken.None))!.Key.LastUsedAt); // not read by a lookup
        var usage = await audit.GetKeyUsageAsync("ak_used", DateTimeOffset.FromUnixTimeMilliseconds(0), CancellationToken.None);
        Assert.Equal(new[] { (31666667L, 5L, 1L), (31666668L, 2L, 0L) }, usage.Select(r => (r.Minute.ToUnixTimeMilliseconds() / 60_000, r.Requests, r.Denied)));
        Assert.Equal(1, await AuditTableMigrationTests.ScalarAsync(path, "SELECT count(*) FROM sqlite_master WHERE name = 'key_usage' AND sql LIKE '%PRIMARY KEY (minute, key_id)%';"));
        accounts.Dispose();
    }

    [Fact]
    public async Task Flush_UnorderedKeysOverTwoMinutes_ReadBackPerKeyAndMinute()
    {
        var (accounts, audit, keys) = await StoreWithKeysAsync(3);
        var minute = DateTimeOffset.FromUnixTimeMilliseconds(T0.ToUnixTimeMilliseconds() / 60_000 * 60_000);
        var next = minute.AddMinutes(1);

        Assert.True(await audit.AppendRequestsAsync([], [new KeyUsage(keys[2], 4, 0, minute.AddSeconds(1)), new KeyUsage(keys[0], 1, 0, minute.AddSeconds(2))], CancellationToken.None));
        Assert.True(await audit.AppendRequestsAsync([], [new KeyUsage(keys[2], 3, 1, next.AddSeconds(5)), new KeyUsage(keys[1], 2, 0, next)], CancellationToken.None));
        Assert.True(await audit.AppendRequestsAsync([], [new KeyUsage(keys[2], 1, 1, next.AddSeconds(10))], CancellationToken.None));

        Assert.Equal(new[] { (minute, 4L, 0L), (next, 4L, 2L) }, await audit.GetKeyUsageAsync(keys[2], minute, CancellationToken.None));
        Assert.Equal(new[] { (next, 4L, 2L) }, await audit.GetKeyUsageAsync(keys[2], next, CancellationToken.None));
        Assert.Equal(new[] { (minute, 1L, 0L) }, await audit.GetKeyUsageAsync(keys[0], minute.AddDays(-1), CancellationToken.None));
        Assert.Empty(await audit.GetKeyUsageAsync(keys[0], next, CancellationToken.None));
        Assert.Equal(next.AddSeconds(10), (await accounts.GetKeyAsync(keys[2], CancellationToken.None))!.LastUsedAt);
        Assert.Equal(next, (await accounts.GetKeyAsync(keys[1], CancellationToken.None))!.LastUsedAt);
        Assert.Equal(minute.AddSeconds(2), (await accounts.GetKeyAsync(keys[0], CancellationToken.None))!.LastUsedAt);
        accounts.Dispose();
    }

    [Fact]
    public async Task Flush_OfIdsSharingTheirFirst16BytesOrPrefixingEachOther_KeepsEachIdsOwnRow()
    {
        var (accounts, audit, _) = await StoreWithKeysAsync(1);
        var at = DateTimeOffset.FromUnixTimeMilliseconds(T0.ToUnixTimeMilliseconds() / 60_000 * 60_000);
        // The write sorts rows by the ids' first 16 bytes as numbers, then by the whole id where those are equal.
        string[] ids = ["ak_0123456789abcZ", "ak_0123456789abc", "ak_0123456789abcA", "ak_0123456789ab", "ak_0123456789abcZZ", "ak_é0123456789abc"];
        var usage = ids.Select((id, i) => new KeyUsage(id, i + 1, i, at.AddSeconds(i))).Reverse().ToList();

        Assert.True(await audit.AppendRequestsAsync([], usage, CancellationToken.None));

        for (var i = 0; i < ids.Length; i++)
        {
            Assert.Equal(new[] { (at, (long)i + 1, (long)i) }, await audit.GetKeyUsageAsync(ids[i], at, CancellationToken.None));
        }

        var path = _dir.Combine("data", "gateway.db");
        for (var i = 0; i < ids.Length; i++)
        {
            Assert.Equal(at.AddSeconds(i).ToUnixTimeMilliseconds(), await AuditTableMigrationTests.ScalarAsync(path, $"SELECT last_ms FROM key_usage WHERE key_id = '{ids[i]}';"));
        }

        while (await audit.FoldUsageAsync(at.AddMinutes(3), 4096, CancellationToken.None))
        {
        }

        Assert.Equal(ids.Length, await AuditTableMigrationTests.ScalarAsync(path, "SELECT count(*) FROM key_last_used WHERE key_id LIKE 'ak_%0123456789ab%';"));
        accounts.Dispose();
    }

    [Fact]
    public async Task Flush_OfMoreKeysThanOneStatementTakes_WritesEveryKeysUsageAndNewestUse()
    {
        // 150 keys over two minutes: the usage statements take 64 keys each (two full ones and a shorter last one per
        // minute's share), and one key appears in both minutes of the same write.
        var (accounts, audit, keys) = await StoreWithKeysAsync(1);
        var path = _dir.Combine("data", "gateway.db");
        var minute = DateTimeOffset.FromUnixTimeMilliseconds(T0.ToUnixTimeMilliseconds() / 60_000 * 60_000);
        var ids = new[] { keys[0] }.Concat(Enumerable.Range(0, 149).Select(_ => IdGenerator.NewKeyId())).ToArray();
        var usage = ids.Select((id, i) => new KeyUsage(id, i + 1, i % 3, minute.AddSeconds(i % 50))).Reverse().ToList();
        usage.Add(new KeyUsage(keys[0], 7, 7, minute.AddMinutes(1).AddSeconds(1)));

        Assert.True(await audit.AppendRequestsAsync([], usage, CancellationToken.None));

        for (var i = 0; i < ids.Length; i++)
        {
            var expected = i == 0
                ? new[] { (minute, 1L, 0L), (minute.AddMinutes(1), 7L, 7L) }
                : new[] { (minute, (long)i + 1, (long)(i % 3)) };
            Assert.Equal(expected, await audit.GetKeyUsageAsync(ids[i], minute, CancellationToken.None));
        }

        Assert.Equal(151, await AuditTableMigrationTests.ScalarAsync(path, "SELECT count(*) FROM key_usage WHERE last_ms IS NOT NULL;"));
        Assert.Equal(0, await AuditTableMigrationTests.ScalarAsync(path, "SELECT count(*) FROM key_last_used;")); // left to the fold
        Assert.Equal(minute.AddMinutes(1).AddSeconds(1), (await accounts.GetKeyAsync(keys[0], CancellationToken.None))!.LastUsedAt);
        Assert.Equal(minute.AddSeconds(149 % 50).ToUnixTimeMilliseconds(), await NewestUseAsync(path, ids[149]));

        // A second write: each key's newest use in a minute is the later one, never lowered; counts add up.
        Assert.True(await audit.AppendRequestsAsync([], [.. ids.Select((id, i) => new KeyUsage(id, 1, 0, i < 75 ? minute.AddSeconds(55) : minute.AddMinutes(2).AddSeconds(5)))], CancellationToken.None));
        Assert.Equal(minute.AddMinutes(1).AddSeconds(1), (await accounts.GetKeyAsync(keys[0], CancellationToken.None))!.LastUsedAt);
        Assert.Equal(minute.AddMinutes(2).AddSeconds(5).ToUnixTimeMilliseconds(), await NewestUseAsync(path, ids[149]));
        Assert.Equal(minute.AddSeconds(55).ToUnixTimeMilliseconds(), await NewestUseAsync(path, ids[74]));
        Assert.Equal(new[] { (minute, 76L, 2L) }, await audit.GetKeyUsageAsync(ids[74], minute, CancellationToken.None));
        Assert.Equal(new[] { (minute.AddMinutes(2), 1L, 0L) }, await audit.GetKeyUsageAsync(ids[149], minute.AddMinutes(1), CancellationToken.None));
        Assert.Equal(new[] { (minute, 2L, 0L), (minute.AddMinutes(1), 7L, 7L) }, await audit.GetKeyUsageAsync(keys[0], minute, CancellationToken.None));
        accounts.Dispose();
    }

    [Fact]
    public async Task Usage_ReadsSeekTheMinuteKey_NotScanIt()
    {
        var path = _dir.Combine("data", "gateway.db");
        await new SqliteAccountStore(path).InitializeAsync(CancellationToken.None);

        var plan = await AuditTableMigrationTests.PlanAsync(path, "SELECT requests FROM key_usage WHERE minute = 5 AND key_id = 'ak';");

        Assert.Contains("SEARCH key_usage USING PRIMARY KEY (minute=? AND key_id=?)", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Flush_OfAKeyDeletedMeanwhile_WritesTheBatch_AndDeletingAKeyDropsItsLastUse()
    {
        var (accounts, audit, keys) = await StoreWithKeysAsync(2);
        var path = _dir.Combine("data", "gateway.db");
        Assert.True(await audit.AppendRequestsAsync([], [new KeyUsage(keys[0], 1, 0, T0)], CancellationToken.None));
        Assert.True(await audit.FoldUsageAsync(T0.AddMinutes(3), 4096, CancellationToken.None));
        Assert.Equal(1, await AuditTableMigrationTests.ScalarAsync(path, "SELECT count(*) FROM key_last_used;"));

        var account = (await accounts.GetKeyAsync(keys[0], CancellationToken.None))!.AccountId;
        Assert.True(await accounts.DeleteAccountAsync(account, CancellationToken.None));
        Assert.Equal(0, await AuditTableMigrationTests.ScalarAsync(path, "SELECT count(*) FROM key_last_used;"));

        Assert.True(await audit.AppendRequestsAsync([], [new KeyUsage(keys[1], 2, 0, T0), new KeyUsage(IdGenerator.NewKeyId(), 1, 0, T0)], CancellationToken.None));
        Assert.Equal(2L, (await audit.GetKeyUsageAsync(keys[1], T0, CancellationToken.None)).Single().Requests);
        accounts.Dispose();
    }

    private Task<(SqliteAccountStore Accounts, SqliteAuditStore Audit, string[] Keys)> StoreWithKeysAsync(int count) =>
        UsageStoreTesting.StoreWithKeysAsync(_dir.Combine("data", "gateway.db"), count);

    // The newest use of a key over all its usage rows (key ids here need not exist in api_keys).
    private static Task<long> NewestUseAsync(string path, string keyId) =>
        AuditTableMigrationTests.ScalarAsync(path, $"SELECT max(last_ms) FROM key_usage WHERE key_id = '{keyId}';");

    private static Task ExecuteAsync(string path, string sql) => UsageStoreTesting.ExecuteAsync(path, sql);
}
