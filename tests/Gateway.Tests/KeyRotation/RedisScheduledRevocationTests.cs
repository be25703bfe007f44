using Gateway.Accounts;
using Gateway.Accounts.Redis;
using Gateway.Testing;
using Gateway.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace Gateway.Tests.KeyRotation;

/// <summary>
/// Scheduled revocations on the shared store, on a real redis-server; the racing callers of the contract use two
/// separate connections, as two replicas would.
/// </summary>
public sealed class RedisScheduledRevocationTests(RedisFixture redis) : ScheduledRevocationStoreContract, IClassFixture<RedisFixture>
{
    private readonly string _prefix = RedisFixture.NewPrefix();
    private readonly List<IConnectionMultiplexer> _connections = [];

    protected override Task<IAccountStore> CreateStoreAsync() => Task.FromResult<IAccountStore>(NewStore(redis.Redis));

    protected override async Task<IAccountStore> ReopenStoreAsync()
    {
        var connection = await redis.ConnectAsync();
        _connections.Add(connection);
        return NewStore(connection);
    }

    public override async Task DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }
    }

    private RedisAccountStore NewStore(IConnectionMultiplexer connection) =>
        new(connection, _prefix, new FakeTimeProvider(Samples.T0), NullLogger<RedisAccountStore>.Instance);

    [Fact]
    public async Task ScheduleEntry_WhoseKeyIsGone_IsDropped()
    {
        var layout = new RedisKeyLayout(_prefix);
        await redis.Redis.GetDatabase().SortedSetAddAsync(layout.ScheduledRevocations, "ak_0000000000000000", T0.ToUnixTimeMilliseconds());

        Assert.Equal(["ak_0000000000000000"], await Store.ListDueRevocationsAsync(T0, 10, Ct));
        Assert.Null(await Store.CompleteScheduledRevocationAsync("ak_0000000000000000", T0, Ct));

        Assert.Empty(await Store.ListDueRevocationsAsync(T0, 10, Ct));
    }
}
