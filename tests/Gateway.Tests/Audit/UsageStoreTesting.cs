using Gateway.Accounts.Sqlite;
using Gateway.Audit.Sqlite;
using Gateway.Tests.TestSupport;
using Microsoft.Data.Sqlite;

namespace Gateway.Tests.Audit;

/// <summary>What the usage and last-use tests share: a real SQLite store with keys, and a script run on its file.</summary>
internal static class UsageStoreTesting
{
    /// <summary>Creates the schema at <paramref name="path"/> and <paramref name="count"/> keys, each of an account of its own.</summary>
    public static async Task<(SqliteAccountStore Accounts, SqliteAuditStore Audit, string[] Keys)> StoreWithKeysAsync(string path, int count)
    {
        var accounts = new SqliteAccountStore(path);
        await accounts.InitializeAsync(CancellationToken.None);
        var keys = new string[count];
        for (var i = 0; i < count; i++)
        {
            var account = Samples.Account();
            var key = Samples.Key(account.Id);
            await accounts.CreateAccountWithKeyAsync(account, key, CancellationToken.None);
            keys[i] = key.Id;
        }

        return (accounts, new SqliteAuditStore(path), keys);
    }

    /// <summary>Runs <paramref name="sql"/> on the file at <paramref name="path"/>.</summary>
    public static async Task ExecuteAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
