using Gateway.Accounts;
using Gateway.Accounts.Sqlite;
using Gateway.Audit;
using Gateway.Audit.Sqlite;
using Gateway.Tests.TestSupport;
using Microsoft.Data.Sqlite;

namespace Gateway.Tests.Audit;

/// <summary>
/// Schema 8's last-use fold over a real SQLite file: a key's <c>lastUsedAt</c> reads as the larger of
/// <c>key_last_used</c> and the newest use of the minutes not yet folded, the same before and after the fold; a late
/// write into a folded minute still raises it; retention folds before it deletes; the fold goes in chunks by its
/// <c>(minute, key_id)</c> cursor; reads while it folds never see a use go missing; a schema-7 database keeps every
/// <c>lastUsedAt</c>.
/// </summary>
public sealed class LastUseFoldTests : IDisposable
{
    // The start of a minute, so that seconds added stay inside it.
    private static readonly DateTimeOffset Minute = DateTimeOffset.FromUnixTimeMilliseconds(Samples.T0.ToUnixTimeMilliseconds() / 60_000 * 60_000);
    private readonly TempDirectory _dir = new();

    private string Path => _dir.Combine("data", "gateway.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public async Task AUseInAnUnfoldedMinute_ShowsInEveryRead_AndTheFoldLeavesItUnchanged()
    {
        var (accounts, audit, keys) = await StoreAsync(2);
        var used = Minute.AddSeconds(7).AddMilliseconds(123);
        Assert.True(await audit.AppendRequestsAsync([], [new KeyUsage(keys[0], 3, 1, used), new KeyUsage(keys[0], 1, 0, used.AddSeconds(-5))], CancellationToken.None));

        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM key_last_used;"));
        await AssertLastUsedAsync(accounts, keys[0], used);
        Assert.Null((await accounts.GetKeyAsync(keys[1], CancellationToken.None))!.LastUsedAt);

        // Not yet: the minute ended less than the fold's delay ago.
        Assert.False(await audit.FoldUsageAsync(Minute.AddSeconds(59), 4096, CancellationToken.None));
        Assert.True(await audit.FoldUsageAsync(Minute.AddMinutes(3), 4096, CancellationToken.None));
        Assert.False(await audit.FoldUsageAsync(Minute.AddMinutes(3), 4096, CancellationToken.None));

        Assert.Equal(used.ToUnixTimeMilliseconds(), await ScalarAsync($"SELECT at FROM key_last_used WHERE key_id = '{keys[0]}';"));
        Assert.Equal(Minute.AddMinutes(1).ToUnixTimeMilliseconds() / 60_000, await ScalarAsync("SELECT minute FROM key_usage_fold;"));
        await AssertLastUsedAsync(accounts, keys[0], used);
        Assert.Null((await accounts.GetKeyAsync(keys[1], CancellationToken.None))!.LastUsedAt);

        // A later minute, unfolded, wins over the folded value; an older use folded later does not lower it.
        Assert.True(await audit.AppendRequestsAsync([], [new KeyUsage(keys[0], 1, 0, Minute.AddMinutes(5))], CancellationToken.None));
        await AssertLastUsedAsync(accounts, keys[0], Minute.AddMinutes(5));
        accounts.Dispose();
    }

    [Fact]
    public async Task ALateWriteIntoAFoldedMinute_RaisesLastUse_InAWhollyOrPartlyFoldedMinute()
    {
        var (accounts, audit, keys) = await StoreAsync(3);
        var sorted = keys.Order(StringComparer.Ordinal).ToArray();
        Assert.True(await audit.AppendRequestsAsync([], [.. sorted.Select(k => new KeyUsage(k, 1, 0, Minute.AddSeconds(1)))], CancellationToken.None));
        Assert.True(await audit.AppendRequestsAsync([], [new KeyUsage(sorted[0], 1, 0, Minute.AddMinutes(1).AddSeconds(1))], CancellationToken.None));

        // Fold the first minute wholly and one key of the next (chunks of one row).
        while (await ScalarAsync("SELECT minute FROM key_usage_fold;") != Minute.AddMinutes(1).ToUnixTimeMilliseconds() / 60_000)
        {
            Assert.True(await audit.FoldUsageAsync(Minute.AddMinutes(4), 1, CancellationToken.None));
        }

        Assert.True(await audit.FoldUsageAsync(Minute.AddMinutes(4), 1, CancellationToken.None));
        Assert.Equal(sorted[0], await TextAsync("SELECT key_id FROM key_usage_fold;"));

        // Late uses: into the folded minute, and into the partly folded one (a folded key and one after it).
        var late = Minute.AddSeconds(50);
        var lateNext = Minute.AddMinutes(1).AddSeconds(30);
        Assert.True(await audit.AppendRequestsAsync([],
            [new KeyUsage(sorted[2], 1, 0, late), new KeyUsage(sorted[0], 1, 0, lateNext), new KeyUsage(sorted[1], 1, 0, lateNext)], CancellationToken.None));

        Assert.Equal(late.ToUnixTimeMilliseconds(), await ScalarAsync($"SELECT at FROM key_last_used WHERE key_id = '{sorted[2]}';"));
        Assert.Equal(lateNext.ToUnixTimeMilliseconds(), await ScalarAsync($"SELECT at FROM key_last_used WHERE key_id = '{sorted[0]}';"));
        await AssertLastUsedAsync(accounts, sorted[2], late);
        await AssertLastUsedAsync(accounts, sorted[0], lateNext);
        await AssertLastUsedAsync(accounts, sorted[1], lateNext); // unfolded: read from its usage row

        while (await audit.FoldUsageAsync(Minute.AddMinutes(4), 1, CancellationToken.None))
        {
        }

        await AssertLastUsedAsync(accounts, sorted[1], lateNext);
        Assert.Equal(lateNext.ToUnixTimeMilliseconds(), await ScalarAsync($"SELECT at FROM key_last_used WHERE key_id = '{sorted[1]}';"));
        Assert.Equal(new[] { (Minute, 2L, 0L) }, await audit.GetKeyUsageAsync(sorted[2], Minute, CancellationToken.None));
        Assert.Equal(new[] { (Minute, 1L, 0L), (Minute.AddMinutes(1), 2L, 0L) }, await audit.GetKeyUsageAsync(sorted[0], Minute, CancellationToken.None));
        accounts.Dispose();
    }

    [Fact]
    public async Task Retention_FoldsBeforeItDeletes()
    {
        var (accounts, audit, keys) = await StoreAsync(1);
        var used = Minute.AddSeconds(42);
        Assert.True(await audit.AppendRequestsAsync([], [new KeyUsage(keys[0], 1, 0, used)], CancellationToken.None));

        Assert.Equal(1, await audit.PurgeAsync(Minute.AddDays(1), 100, CancellationToken.None));

        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM key_usage;"));
        Assert.Equal(used.ToUnixTimeMilliseconds(), await ScalarAsync($"SELECT at FROM key_last_used WHERE key_id = '{keys[0]}';"));
        await AssertLastUsedAsync(accounts, keys[0], used);
        accounts.Dispose();
    }

    [Fact]
    public async Task Fold_OverManyKeys_GoesInChunksByItsCursor_AndFoldsEveryKey()
    {
        var (accounts, audit, _) = await StoreAsync(0);
        var keys = await SeedKeysAsync(3_000);
        var expected = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        for (var m = 0; m < 2; m++)
        {
            // Two writes a minute, each with a share of the keys (some in both, the later use wins).
            for (var w = 0; w < 2; w++)
            {
                var at = Minute.AddMinutes(m).AddSeconds(10 + (w * 20));
                var share = keys.Where((_, i) => (i + m + w) % 3 != 0).ToArray();
                Assert.True(await audit.AppendRequestsAsync([], [.. share.Select(k => new KeyUsage(k, 1, 0, at))], CancellationToken.None));
                foreach (var key in share)
                {
                    expected[key] = at;
                }
            }
        }

        var rows = await ScalarAsync("SELECT count(*) FROM key_usage;");
        var steps = 0;
        while (await audit.FoldUsageAsync(Minute.AddMinutes(5), 500, CancellationToken.None))
        {
            steps++;
            Assert.True(steps <= (rows / 500) + 2, "The fold did not finish.");
        }

        Assert.True(steps >= rows / 500, $"{rows} rows folded in {steps} steps of at most 500.");
        Assert.Equal(expected.Count, await ScalarAsync("SELECT count(*) FROM key_last_used;"));
        Assert.Equal(Minute.AddMinutes(2).ToUnixTimeMilliseconds() / 60_000, await ScalarAsync("SELECT minute FROM key_usage_fold;"));
        var listed = await accounts.ListKeysAsync("sa_fold", CancellationToken.None);
        Assert.Equal(keys.Length, listed.Count);
        foreach (var key in listed)
        {
            Assert.Equal(expected.TryGetValue(key.Id, out var at) ? at : null, key.LastUsedAt);
        }

        accounts.Dispose();
    }

    [Fact]
    public async Task ReadsWhileFolding_AlwaysSeeEachKeysLastUse()
    {
        var (accounts, audit, _) = await StoreAsync(0);
        var keys = await SeedKeysAsync(1_000);
        var used = Minute.AddSeconds(30);
        Assert.True(await audit.AppendRequestsAsync([], [.. keys.Select(k => new KeyUsage(k, 1, 0, used))], CancellationToken.None));

        using var folding = new CancellationTokenSource();
        var reads = 0;
        var reader = Task.Run(async () =>
        {
            while (!folding.IsCancellationRequested)
            {
                var listed = await accounts.ListKeysAsync("sa_fold", CancellationToken.None);
                Assert.All(listed, k => Assert.Equal(used, k.LastUsedAt));
                await AssertLastUsedAsync(accounts, keys[Volatile.Read(ref reads) % keys.Length], used);
                Interlocked.Increment(ref reads);
            }
        });

        // Each step of the fold runs while the reader reads, and the next waits until the reader has read once more.
        var steps = 0;
        while (await audit.FoldUsageAsync(Minute.AddMinutes(3), 50, CancellationToken.None))
        {
            steps++;
            var seen = Volatile.Read(ref reads);
            while (Volatile.Read(ref reads) == seen && !reader.IsCompleted)
            {
                await Task.Delay(1);
            }
        }

        await folding.CancelAsync();
        await reader;
        Assert.True(steps >= 20, $"{steps} steps");
        Assert.True(reads >= steps, $"{reads} reads over {steps} steps");
        Assert.Equal(keys.Length, await ScalarAsync($"SELECT count(*) FROM key_last_used WHERE at = {used.ToUnixTimeMilliseconds()};"));
        var listedAfter = await accounts.ListKeysAsync("sa_fold", CancellationToken.None);
        Assert.All(listedAfter, k => Assert.Equal(used, k.LastUsedAt));
        accounts.Dispose();
    }

    [Fact]
    public async Task ScheduledRevocation_ReturnsTheKeysUnfoldedLastUse()
    {
        var path = Path;
        var accounts = new SqliteAccountStore(path);
        await accounts.InitializeAsync(CancellationToken.None);
        var account = Samples.Account();
        var key = Samples.Key(account.Id) with { RevokesAt = Minute.AddMinutes(1) };
        await accounts.CreateAccountWithKeyAsync(account, key, CancellationToken.None);
        var used = Minute.AddSeconds(3);
        Assert.True(await new SqliteAuditStore(path).AppendRequestsAsync([], [new KeyUsage(key.Id, 1, 0, used)], CancellationToken.None));

        var revoked = await accounts.CompleteScheduledRevocationAsync(key.Id, Minute.AddMinutes(2), CancellationToken.None);

        Assert.Equal(used, revoked!.LastUsedAt);
        accounts.Dispose();
    }

    [Fact]
    public async Task Migrate_FromSchema7WithData_KeepsEveryLastUsedAt_ThenFoldsNewUse()
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var old = Minute.AddMinutes(-10);
        await ExecuteAsync(string.Join('\n', SqliteSchema.Migrations.Take(7)) + $"""

            PRAGMA user_version=7;
            INSERT INTO accounts (id, org_id, name, roles, allowed_cidrs, status, created_at, updated_at)
                VALUES ('sa_1', 'acme', 'svc', '', '', 0, 1, 1);
            INSERT INTO api_keys (id, account_id, kind, fingerprint, secret_hash, encrypted_secret, allowed_cidrs, created_at)
                VALUES ('ak_a', 'sa_1', 0, 'fp1', x'00', x'00', '', 1), ('ak_b', 'sa_1', 0, 'fp2', x'00', x'00', '', 1),
                       ('ak_idle', 'sa_1', 0, 'fp3', x'00', x'00', '', 1);
            INSERT INTO key_last_used (key_id, at) VALUES ('ak_a', {old.ToUnixTimeMilliseconds()}), ('ak_b', {Minute.AddSeconds(5).ToUnixTimeMilliseconds()});
            INSERT INTO key_usage (minute, key_id, requests, denied) VALUES
                ({old.ToUnixTimeMilliseconds() / 60_000}, 'ak_a', 4, 0), ({Minute.ToUnixTimeMilliseconds() / 60_000}, 'ak_b', 2, 1);
            """);

        var accounts = new SqliteAccountStore(Path);
        await accounts.InitializeAsync(CancellationToken.None);
        var audit = new SqliteAuditStore(Path);

        Assert.Equal(SqliteSchema.Migrations.Count, await ScalarAsync("PRAGMA user_version;"));
        await AssertLastUsedAsync(accounts, "ak_a", old);
        await AssertLastUsedAsync(accounts, "ak_b", Minute.AddSeconds(5));
        Assert.Null((await accounts.GetKeyAsync("ak_idle", CancellationToken.None))!.LastUsedAt);
        Assert.Equal(Minute.ToUnixTimeMilliseconds() / 60_000, await ScalarAsync("SELECT minute FROM key_usage_fold;"));

        // A use in the newest migrated minute adds to its row; the fold then skips the rows without a newest use.
        Assert.True(await audit.AppendRequestsAsync([], [new KeyUsage("ak_idle", 1, 0, Minute.AddSeconds(9)), new KeyUsage("ak_b", 1, 0, Minute.AddSeconds(2))], CancellationToken.None));
        await AssertLastUsedAsync(accounts, "ak_idle", Minute.AddSeconds(9));
        await AssertLastUsedAsync(accounts, "ak_b", Minute.AddSeconds(5));
        while (await audit.FoldUsageAsync(Minute.AddMinutes(3), 4096, CancellationToken.None))
        {
        }

        await AssertLastUsedAsync(accounts, "ak_a", old);
        await AssertLastUsedAsync(accounts, "ak_b", Minute.AddSeconds(5));
        await AssertLastUsedAsync(accounts, "ak_idle", Minute.AddSeconds(9));
        Assert.Equal(new[] { (Minute, 3L, 1L) }, await audit.GetKeyUsageAsync("ak_b", Minute, CancellationToken.None));
        accounts.Dispose();
    }

    [Fact]
    public async Task LastUsedRead_SeeksEachUnfoldedMinute_NotScansThem()
    {
        var (accounts, _, _) = await StoreAsync(0);
        var plan = await AuditTableMigrationTests.PlanAsync(Path,
            "SELECT max(u.last_ms) FROM key_usage u WHERE u.minute IN (SELECT minute FROM key_usage_unfolded) AND u.key_id = 'ak';");

        Assert.Contains("SEARCH u USING PRIMARY KEY (minute=? AND key_id=?)", plan, StringComparison.Ordinal);
        accounts.Dispose();
    }

    private static async Task AssertLastUsedAsync(SqliteAccountStore accounts, string keyId, DateTimeOffset expected)
    {
        var key = await accounts.GetKeyAsync(keyId, CancellationToken.None);
        Assert.Equal(expected, key!.LastUsedAt);
        Assert.Equal(expected, Assert.Single(await accounts.ListKeysAsync(key.AccountId, CancellationToken.None), k => k.Id == keyId).LastUsedAt);
    }

    private Task<(SqliteAccountStore Accounts, SqliteAuditStore Audit, string[] Keys)> StoreAsync(int count) =>
        UsageStoreTesting.StoreWithKeysAsync(Path, count);

    // Many keys of one account (sa_fold), inserted directly: creating each through the store would take long.
    private async Task<string[]> SeedKeysAsync(int count)
    {
        var keys = Enumerable.Range(0, count).Select(_ => IdGenerator.NewKeyId()).ToArray();
        await using var connection = new SqliteConnection($"Data Source={Path}");
        await connection.OpenAsync();
        await using var transaction = connection.BeginTransaction();
        await using (var account = connection.CreateCommand())
        {
            account.CommandText = "INSERT INTO accounts (id, org_id, name, roles, allowed_cidrs, status, created_at, updated_at) VALUES ('sa_fold', 'acme', 'fold', '', '', 0, 1, 1);";
            await account.ExecuteNonQueryAsync();
        }

        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO api_keys (id, account_id, kind, fingerprint, secret_hash, encrypted_secret, allowed_cidrs, created_at) VALUES ($id, 'sa_fold', 0, $id, x'00', x'00', '', 1);";
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        foreach (var key in keys)
        {
            id.Value = key;
            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        return keys;
    }

    private Task<long> ScalarAsync(string sql) => AuditTableMigrationTests.ScalarAsync(Path, sql);

    private async Task<string> TextAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private Task ExecuteAsync(string sql) => UsageStoreTesting.ExecuteAsync(Path, sql);
}
