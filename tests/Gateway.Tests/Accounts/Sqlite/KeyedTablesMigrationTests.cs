using Gateway.Accounts;
using Gateway.Accounts.Sqlite;
using Gateway.Federation.Store;
using Gateway.Tests.Audit;
using Gateway.Tests.TestSupport;
using Microsoft.Data.Sqlite;

namespace Gateway.Tests.Accounts.Sqlite;

/// <summary>
/// Schema migration 9: <c>accounts</c> and <c>api_keys</c> rebuilt as WITHOUT ROWID tables keyed by id. Every row and
/// column written under schema 8 reads back, the deletes still cascade to keys, last uses and trust policies, the
/// credential lookup searches each table's primary key once, and a database whose rows break a reference is left as
/// it was.
/// </summary>
public sealed class KeyedTablesMigrationTests : IDisposable
{
    private const string Schema8Rows = """
        INSERT INTO accounts (id, org_id, project_id, name, description, roles, allowed_cidrs, status, created_at, updated_at, limits)
            VALUES ('sa_1', 'acme', 'web', 'deployer', 'ships it', 'reader writer', '10.0.0.0/8', 0, 1000, 2000, NULL),
                   ('sa_2', 'acme', NULL, 'runner', NULL, '', '', 1, 3000, 3000, NULL);
        INSERT INTO api_keys (id, account_id, kind, description, fingerprint, secret_hash, encrypted_secret, allowed_cidrs,
                created_at, expires_at, last_used_at, revoked_at, limits, revokes_at)
            VALUES ('ak_a', 'sa_1', 0, 'ci', 'fp-a', x'0102', x'0304', '192.168.0.0/16', 1100, 9000000000000, NULL, NULL, NULL, 8000000000000),
                   ('ak_b', 'sa_1', 1, NULL, 'fp-b', x'05', x'06', '', 1200, NULL, NULL, 1500, NULL, NULL),
                   ('ak_c', 'sa_2', 0, NULL, 'fp-c', x'07', x'08', '', 3100, NULL, NULL, NULL, NULL, NULL);
        INSERT INTO key_last_used (key_id, at) VALUES ('ak_a', 1700000000000), ('ak_gone', 1600000000000);
        INSERT INTO federation_trust_policies (id, account_id, issuer, created_at, body)
            VALUES ('tp_1', 'sa_1', 'https://ci.example', 1, '{}'), ('tp_2', 'sa_2', 'https://ci.example', 2, '{}');
        """;

    private readonly TempDirectory _dir = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public async Task Migrate_FromSchema8_KeepsEveryRowAndColumn_AsKeyedTables()
    {
        var path = await Schema8Async(Schema8Rows);
        var before = await DumpAsync(path);

        using var store = new SqliteAccountStore(path);
        await store.InitializeAsync(CancellationToken.None);

        Assert.Equal(before, await DumpAsync(path));
        Assert.Equal(9, await AuditTableMigrationTests.ScalarAsync(path, "PRAGMA user_version;"));
        foreach (var table in new[] { "accounts", "api_keys" })
        {
            Assert.Equal(1, await AuditTableMigrationTests.ScalarAsync(path, $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}' AND sql LIKE '%WITHOUT ROWID%';"));
        }

        Assert.Equal(0, await AuditTableMigrationTests.ScalarAsync(path, "SELECT count(*) FROM sqlite_master WHERE name LIKE '%_keyed';"));
        Assert.Equal(
            "ix_accounts_order ix_api_keys_account ix_api_keys_revokes sqlite_autoindex_accounts_2",
            await TextAsync(path, "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('accounts', 'api_keys') ORDER BY name);"));

        var credential = await store.FindCredentialAsync("ak_a", CancellationToken.None);
        Assert.NotNull(credential);
        Assert.Equal(["reader", "writer"], credential.Account.Roles);
        Assert.Equal(["192.168.0.0/16"], credential.Key.AllowedCidrs);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(8000000000000), credential.Key.RevokesAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1700000000000), (await store.GetKeyAsync("ak_a", CancellationToken.None))!.LastUsedAt);
        Assert.Equal(["ak_a", "ak_b"], (await store.ListKeysAsync("sa_1", CancellationToken.None)).Select(k => k.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Migrate_FromSchema8_DeletesStillCascade_AndTheUniqueNameHolds()
    {
        var path = await Schema8Async(Schema8Rows);
        using var store = new SqliteAccountStore(path);
        await store.InitializeAsync(CancellationToken.None);

        Assert.True(await store.DeleteAccountAsync("sa_2", CancellationToken.None));
        Assert.Null(await store.GetKeyAsync("ak_c", CancellationToken.None));
        Assert.Equal(0, await AuditTableMigrationTests.ScalarAsync(path, "SELECT count(*) FROM federation_trust_policies WHERE account_id = 'sa_2';"));

        Assert.True(await store.DeleteAccountAsync("sa_1", CancellationToken.None));
        Assert.Equal(0, await AuditTableMigrationTests.ScalarAsync(path, "SELECT count(*) FROM api_keys;"));
        Assert.Equal(0, await AuditTableMigrationTests.ScalarAsync(path, "SELECT count(*) FROM federation_trust_policies;"));
        Assert.Equal(
            "ak_gone", // the last use of a key deleted before the migration: kept, as before it
            await TextAsync(path, "SELECT group_concat(key_id) FROM key_last_used;"));

        var account = Samples.Account(name: "deployer", id: "sa_3");
        await store.CreateAccountAsync(account, CancellationToken.None);
        await Assert.ThrowsAsync<DuplicateNameException>(() => store.CreateAccountAsync(account with { Id = "sa_4" }, CancellationToken.None));
    }

    [Fact]
    public async Task CredentialLookup_SearchesEachTablesPrimaryKey()
    {
        var path = _dir.Combine("data", "gateway.db");
        using var store = new SqliteAccountStore(path);
        await store.InitializeAsync(CancellationToken.None);

        var plan = await AuditTableMigrationTests.PlanAsync(path, "SELECT k.fingerprint, a.name FROM api_keys k JOIN accounts a ON a.id = k.account_id WHERE k.id = 'ak_x';");

        Assert.Equal(["SEARCH k USING PRIMARY KEY (id=?)", "SEARCH a USING PRIMARY KEY (id=?)"], plan.Split('\n'));
    }

    [Fact]
    public async Task Migrate_AKeyOfAMissingAccount_FailsAndLeavesSchema8AsItWas()
    {
        var path = await Schema8Async(Schema8Rows + """

            INSERT INTO api_keys (id, account_id, kind, fingerprint, secret_hash, encrypted_secret, allowed_cidrs, created_at)
                VALUES ('ak_orphan', 'sa_missing', 0, 'fp-o', x'09', x'0a', '', 1);
            """);
        var before = await DumpAsync(path);

        using var store = new SqliteAccountStore(path);
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => store.InitializeAsync(CancellationToken.None));

        Assert.Contains("api_keys", failure.Message, StringComparison.Ordinal);
        Assert.Equal(8, await AuditTableMigrationTests.ScalarAsync(path, "PRAGMA user_version;"));
        Assert.Equal(0, await AuditTableMigrationTests.ScalarAsync(path, "SELECT count(*) FROM sqlite_master WHERE sql LIKE '%WITHOUT ROWID%' AND name IN ('accounts', 'api_keys');"));
        Assert.Equal(before, await DumpAsync(path));
    }

    /// <summary>
    /// A database at schema version 8 with the trust policies' table (as that store creates it) holding
    /// <paramref name="rows"/>, written with foreign keys off.
    /// </summary>
    private async Task<string> Schema8Async(string rows)
    {
        var path = _dir.Combine("data", "gateway.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await ExecuteAsync(path, string.Join('\n', SqliteSchema.Migrations.Take(8)) + "\nPRAGMA user_version=8;");
        await new SqliteTrustPolicyStore(path).InitializeAsync(CancellationToken.None);
        await ExecuteAsync(path, rows);
        return path;
    }

    private static Task ExecuteAsync(string path, string sql) => UsageStoreTesting.ExecuteAsync(path, "PRAGMA foreign_keys=OFF;\n" + sql);

    /// <summary>
    /// Every row of the tables the migration rebuilds or that refer to them, every column as SQLite holds it (type
    /// included), in key order.
    /// </summary>
    private static async Task<List<string>> DumpAsync(string path)
    {
        var rows = new List<string>();
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        foreach (var table in new[] { "accounts", "api_keys", "key_last_used", "federation_trust_policies" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table} ORDER BY 1;";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var values = Enumerable.Range(0, reader.FieldCount)
                    .Select(i => $"{reader.GetName(i)}={(reader.IsDBNull(i) ? "NULL" : reader.GetDataTypeName(i) + ":" + Convert.ToString(reader.GetValue(i) is byte[] b ? Convert.ToHexString(b) : reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))}");
                rows.Add(table + " " + string.Join(' ', values));
            }
        }

        return rows;
    }

    private static async Task<string?> TextAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync() as string;
    }
}
