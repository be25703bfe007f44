using Gateway.Accounts;
using Gateway.Accounts.Sqlite;
using Gateway.Audit;
using Gateway.Audit.Sqlite;
using Gateway.Tests.TestSupport;
using Microsoft.Data.Sqlite;

namespace Gateway.Tests.Audit;

/// <summary>
/// A key's <c>lastUsedAt</c> reads, right after the flush that wrote its use, as its newest use to the millisecond
/// (schema 8: the newest use per minute in <c>key_usage</c>, folded into <c>key_last_used</c> later), and an older use
/// written afterwards never lowers it.
/// </summary>
public sealed class SqliteAuditStoreLastUsedTests : IDisposable
{
    private static readonly DateTimeOffset T0 = Samples.T0;
    private readonly TempDirectory _dir = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public async Task AppendRequests_LastUsedAtIsTheNewestUse_ExactAndNeverLowered()
    {
        var path = _dir.Combine("data", "gateway.db");
        var accounts = new SqliteAccountStore(path);
        await accounts.InitializeAsync(CancellationToken.None);
        var account = Samples.Account();
        var key = Samples.Key(account.Id);
        await accounts.CreateAccountWithKeyAsync(account, key, CancellationToken.None);
        var audit = new SqliteAuditStore(path);

        async Task<DateTimeOffset?> FlushAsync(DateTimeOffset usedAt)
        {
            Assert.True(await audit.AppendRequestsAsync([], [new KeyUsage(key.Id, 1, 0, usedAt)], CancellationToken.None));
            return (await accounts.GetKeyAsync(key.Id, CancellationToken.None))!.LastUsedAt;
        }

        Assert.Equal(T0, await FlushAsync(T0));
        Assert.Equal(T0 + TimeSpan.FromMilliseconds(1), await FlushAsync(T0 + TimeSpan.FromMilliseconds(1)));
        Assert.Equal(T0 + LastUsed.Resolution, await FlushAsync(T0 + LastUsed.Resolution));
        Assert.Equal(T0 + LastUsed.Resolution, await FlushAsync(T0));
        Assert.Equal(T0 + LastUsed.Resolution, await FlushAsync(T0 + TimeSpan.FromSeconds(5)));
    }
}
