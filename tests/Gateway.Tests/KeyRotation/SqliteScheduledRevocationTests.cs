using Gateway.Accounts;
using Gateway.Accounts.Sqlite;
using Gateway.Tests.TestSupport;
using Microsoft.Data.Sqlite;

namespace Gateway.Tests.KeyRotation;

/// <summary>Scheduled revocations on the embedded store: one fresh SQLite file per test.</summary>
public sealed class SqliteScheduledRevocationTests : ScheduledRevocationStoreContract, IDisposable
{
    private readonly TempDirectory _dir = new();

    private string DatabasePath => _dir.Combine("data", "gateway.db");

    protected override Task<IAccountStore> CreateStoreAsync() => Task.FromResult<IAccountStore>(new SqliteAccountStore(DatabasePath));

    protected override Task<IAccountStore> ReopenStoreAsync()
    {
        SqliteConnection.ClearAllPools();
        return Task.FromResult<IAccountStore>(new SqliteAccountStore(DatabasePath));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
