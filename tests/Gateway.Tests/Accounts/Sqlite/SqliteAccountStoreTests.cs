using Gateway.Accounts;
using Gateway.Accounts.Sqlite;
using Gateway.Tests.TestSupport;
using Microsoft.Data.Sqlite;

namespace Gateway.Tests.Accounts.Sqlite;

/// <summary>The store contract over the embedded SQLite store, one fresh database file per test.</summary>
public sealed class SqliteAccountStoreTests : AccountStoreContract, IDisposable
{
    private readonly TempDirectory _dir = new();

    private string DatabasePath => _dir.Combine("data", "gateway.db");

    protected override Task<IAccountStore> CreateStoreAsync() =>
        Task.FromResult<IAccountStore>(new SqliteAccountStore(DatabasePath));

    protected override Task<IAccountStore> ReopenStoreAsync()
    {
        // Drop pooled connections so the new instance really opens the file again, as after a restart.
        SqliteConnection.ClearAllPools();
        return Task.FromResult<IAccountStore>(new SqliteAccountStore(DatabasePath));
    }

    protected override Task<IAccountStore> OpenUnavailableStoreAsync()
    {
        // A real failure that root hits too: the database path is a directory, so SQLite cannot open it (CANTOPEN).
        var path = _dir.Combine("unavailable", "gateway.db");
        Directory.CreateDirectory(path);
        return Task.FromResult<IAccountStore>(new SqliteAccountStore(path));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public async Task FindCredential_ReadsEveryColumnAsTheStoresOtherReadsDo_NonAsciiTextAndLimitsIncluded()
    {
        // The lookup behind a cache miss reads its row straight from SQLite's statement; the store's other reads go
        // through Microsoft.Data.Sqlite's reader. Both must give the same records, down to multi-byte UTF-8 text.
        var account = Samples.Account(projectId: "proj-ü", roles: ["reader", "writer"], allowedCidrs: ["10.0.0.0/8", "2001:db8::/32"],
            description: "Zürich ☃ — 𝄞") with
        {
            RateLimit = new RateLimit { RequestsPerMinute = 600 },
            Quota = new Quota { PerDay = 10_000 },
        };
        var key = Samples.Key(account.Id, expiresAt: T0.AddDays(30), kind: KeyKind.Hmac, description: "Ключ für CI ✓",
            allowedCidrs: ["192.0.2.0/24"]) with
        {
            RateLimit = new RateLimit { RequestsPerSecond = 5, Burst = 10 },
        };
        var plain = Samples.Key(account.Id);
        await Store.CreateAccountWithKeyAsync(account, key, Ct);
        await Store.CreateKeyAsync(plain, Ct);

        var found = await Store.FindCredentialAsync(key.Id, Ct);
        var other = await Store.FindCredentialAsync(plain.Id, Ct);

        Assert.NotNull(found);
        AssertSameKey(key, found.Key);
        AssertSameKey((await Store.GetKeyAsync(key.Id, Ct))!, found.Key);
        Assert.Equal(key.RateLimit, found.Key.RateLimit);
        Assert.Null(found.Key.Quota);
        AssertSameAccount(account, found.Account);
        AssertSameAccount((await Store.GetAccountAsync(account.Id, Ct))!, found.Account);
        Assert.Equal(account.RateLimit, found.Account.RateLimit);
        Assert.Equal(account.Quota, found.Account.Quota);
        Assert.NotNull(other);
        AssertSameKey(plain, other.Key);
        Assert.Null(other.Key.RateLimit);
        Assert.Empty(other.Key.EncryptedSecret);
        Assert.Null(await Store.FindCredentialAsync(IdGenerator.NewKeyId(), Ct));
    }

    [Fact]
    public void Constructor_MissingDirectory_CreatesIt()
    {
        Assert.True(Directory.Exists(_dir.Combine("data")));
    }

    [Fact]
    public async Task Initialize_CreatesTheDatabaseFile()
    {
        await Store.PingAsync(CancellationToken.None);

        Assert.True(File.Exists(DatabasePath));
    }

    [Fact]
    public async Task Initialize_RecordsTheSchemaVersion()
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";

        Assert.Equal((long)SqliteSchema.Migrations.Count, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Initialize_UsesWriteAheadLogging()
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";

        Assert.Equal("wal", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task FindCredential_OnItsKeptReadConnections_SeesEveryLaterCommit_AndNeverBlocksAWriter()
    {
        var account = Samples.Account();
        var key = Samples.Key(account.Id);
        await Store.CreateAccountWithKeyAsync(account, key, Ct);
        Assert.Null((await Store.FindCredentialAsync(key.Id, Ct))!.Key.RevokedAt);

        Assert.True(await Store.RevokeKeyAsync(key.Id, T0, Ct));
        Assert.Equal(T0, (await Store.FindCredentialAsync(key.Id, Ct))!.Key.RevokedAt);

        // Many lookups at once rent more read connections than are kept idle; writes still go through afterwards,
        // so no query_only read connection was handed to a writer.
        var found = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => Store.FindCredentialAsync(key.Id, Ct))));
        Assert.All(found, c => Assert.Equal(key.Id, c?.Key.Id));
        var another = Samples.Key(account.Id);
        await Store.CreateKeyAsync(another, Ct);
        Assert.Equal(another.Id, (await Store.FindCredentialAsync(another.Id, Ct))?.Key.Id);
    }
}
