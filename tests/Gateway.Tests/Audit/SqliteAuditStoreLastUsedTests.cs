using Gateway.Accounts;
using Gateway.Accounts.Sqlite;
using Gateway.Audit;
using Gateway.Audit.Sqlite;
using Gateway.Tests.TestSupport;
using Microsoft.Data.Sqlite;

namespace Gateway.Tests.Audit;

/// <summary>
/// The audit flush raises a key's <c>last_used_at</c> in the same transaction as the usage rows, at
/// <see cref="LastUsed.Resolution"/> like the account stores: a row is not rewritten for a use less than a minute later.
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
    public async Task AppendRequests_RaisesLastUsed_OnlyByAtLeastTheResolution()
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
        Assert.Equal(T0, await FlushAsync(T0 + LastUsed.Resolution - TimeSpan.FromMilliseconds(1)));
        Assert.Equal(T0 + LastUsed.Resolution, await FlushAsync(T0 + LastUsed.Resolution));
        Assert.Equal(T0 + LastUsed.Resolution, await FlushAsync(T0));
    }
}
