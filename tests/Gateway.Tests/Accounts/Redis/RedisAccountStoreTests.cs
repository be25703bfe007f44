using Gateway.Accounts;
using Gateway.Accounts.Redis;
using Gateway.Errors;
using Gateway.Testing;
using Gateway.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace Gateway.Tests.Accounts.Redis;

/// <summary>
/// The store contract over the shared Redis store, on a real redis-server (one per class, one key prefix per test),
/// plus what is particular to Redis: the cluster-safe key layout, the key-id index, crash leftovers.
/// </summary>
public sealed class RedisAccountStoreTests(RedisFixture redis) : AccountStoreContract, IClassFixture<RedisFixture>
{
    private readonly string _prefix = RedisFixture.NewPrefix();
    private readonly FakeTimeProvider _time = new(Samples.T0);
    private readonly List<IConnectionMultiplexer> _connections = [];

    private IDatabase Db => redis.Redis.GetDatabase();

    private RedisKeyLayout Keys => new(_prefix);

    protected override Task<IAccountStore> CreateStoreAsync() => Task.FromResult<IAccountStore>(NewStore(redis.Redis));

    protected override async Task<IAccountStore> ReopenStoreAsync()
    {
        var connection = await redis.ConnectAsync();
        _connections.Add(connection);
        return NewStore(connection);
    }

    protected override async Task<IAccountStore> OpenUnavailableStoreAsync()
    {
        // A real failure: a port nothing listens on; the client fails fast instead of waiting for a connection.
        var closed = await RedisServer.ConnectToNothingAsync();
        _connections.Add(closed);
        return NewStore(closed);
    }

    public override async Task DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }
    }

    private RedisAccountStore NewStore(IConnectionMultiplexer connection) =>
        new(connection, _prefix, _time, NullLogger<RedisAccountStore>.Instance);

    [Fact]
    public async Task KeyLayout_AnAccountItsKeysAndKeyListShareOneHashSlot()
    {
        var account = await CreateAccountAsync(Samples.Account(orgId: "acme"));
        var first = Samples.Key(account.Id, createdAt: T0);
        var second = Samples.Key(account.Id, createdAt: T0.AddSeconds(1), kind: KeyKind.Hmac);
        await Store.CreateKeyAsync(first, Ct);
        await Store.CreateKeyAsync(second, Ct);

        var written = await KeysWithPrefixAsync();

        string[] expected =
        [
            $"{_prefix}{{{account.Id}}}:account",
            $"{_prefix}{{{account.Id}}}:keys",
            $"{_prefix}{{{account.Id}}}:key:{first.Id}",
            $"{_prefix}{{{account.Id}}}:key:{second.Id}",
            $"{_prefix}keyidx:{first.Id}",
            $"{_prefix}keyidx:{second.Id}",
            $"{_prefix}org:{{acme}}:names",
            $"{_prefix}org:{{acme}}:accounts",
            $"{_prefix}accounts",
            $"{_prefix}schema",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), written);
        var accountSlot = redis.Redis.HashSlot(Keys.Account(account.Id));
        Assert.All(written.Where(k => k.Contains($"{{{account.Id}}}", StringComparison.Ordinal)),
            k => Assert.Equal(accountSlot, redis.Redis.HashSlot(k)));
        Assert.Equal(redis.Redis.HashSlot(Keys.OrgNames("acme")), redis.Redis.HashSlot(Keys.OrgAccounts("acme")));
        Assert.Equal(redis.Redis.HashSlot(Keys.RoleNames), redis.Redis.HashSlot(Keys.Role("deployer")));
    }

    [Fact]
    public async Task KeyIndex_MapsTheKeyIdToItsAccount_AndIsWhatLookupsUse()
    {
        var account = await CreateAccountAsync();
        var key = Samples.Key(account.Id);
        await Store.CreateKeyAsync(key, Ct);

        Assert.Equal(account.Id, (string?)await Db.StringGetAsync(Keys.KeyIndex(key.Id)));
        Assert.NotNull(await Store.FindCredentialAsync(key.Id, Ct));

        // Without the index entry the key cannot be found at all: lookups are one GET, never a scan.
        await Db.KeyDeleteAsync(Keys.KeyIndex(key.Id));

        Assert.Null(await Store.FindCredentialAsync(key.Id, Ct));
        Assert.Null(await Store.GetKeyAsync(key.Id, Ct));
        Assert.False(await Store.RevokeKeyAsync(key.Id, T0, Ct));
    }

    [Fact]
    public async Task DeleteAccount_LeavesNoKeyOfTheAccountBehind()
    {
        var account = await CreateAccountAsync(Samples.Account(orgId: "acme"));
        await Store.CreateKeyAsync(Samples.Key(account.Id), Ct);
        await Store.CreateKeyAsync(Samples.Key(account.Id, revokedAt: T0), Ct);

        Assert.True(await Store.DeleteAccountAsync(account.Id, Ct));

        Assert.Equal([$"{_prefix}schema"], await KeysWithPrefixAsync());
    }

    [Fact]
    public async Task IndexEntriesWithoutRecords_AsAfterACrash_AreIgnoredByReaders()
    {
        var ghostAccount = IdGenerator.NewAccountId();
        var ghostKey = IdGenerator.NewKeyId();
        await Db.SortedSetAddAsync(Keys.AllAccounts, ghostAccount, T0.ToUnixTimeMilliseconds());
        await Db.SortedSetAddAsync(Keys.OrgAccounts("acme"), ghostAccount, T0.ToUnixTimeMilliseconds());
        await Db.StringSetAsync(Keys.KeyIndex(ghostKey), ghostAccount);
        var real = await CreateAccountAsync(Samples.Account(orgId: "acme", createdAt: T0.AddMilliseconds(1)));

        Assert.Equal([real.Id], (await Store.ListAccountsAsync(new AccountQuery(), Ct)).Items.Select(a => a.Id));
        Assert.Equal([real.Id], (await Store.ListAccountsAsync(new AccountQuery { OrgId = "acme" }, Ct)).Items.Select(a => a.Id));
        Assert.Null(await Store.FindCredentialAsync(ghostKey, Ct));
        Assert.Null(await Store.GetKeyAsync(ghostKey, Ct));
        Assert.False(await Store.IsEmptyAsync(Ct));
        await Store.DeleteAccountAsync(real.Id, Ct);
        Assert.True(await Store.IsEmptyAsync(Ct));
    }

    [Fact]
    public async Task CreateAccount_NameReservedByAnAccountThatNeverAppeared_IsTakenOverOnlyAfterTheGracePeriod()
    {
        // A creation that crashed after reserving the name, before writing the account.
        var crashed = IdGenerator.NewAccountId();
        await Db.HashSetAsync(Keys.OrgNames("acme"), "ci", $"{crashed}|{_time.GetUtcNow().ToUnixTimeMilliseconds()}");

        await Assert.ThrowsAsync<DuplicateNameException>(() =>
            Store.CreateAccountAsync(Samples.Account(name: "ci", orgId: "acme"), Ct));

        _time.Advance(RedisAccountStore.NameReservationGrace + TimeSpan.FromSeconds(1));
        var account = await CreateAccountAsync(Samples.Account(name: "ci", orgId: "acme"));

        Assert.Equal(account.Id, (await Store.FindAccountByNameAsync("acme", "ci", Ct))?.Id);
        Assert.Equal([account.Id], (await Store.ListAccountsAsync(new AccountQuery { OrgId = "acme" }, Ct)).Items.Select(a => a.Id));
    }

    [Fact]
    public async Task CreateAccount_NameOfALiveAccount_IsNeverTakenOver()
    {
        await CreateAccountAsync(Samples.Account(name: "ci", orgId: "acme"));
        _time.Advance(TimeSpan.FromDays(1));

        await Assert.ThrowsAsync<DuplicateNameException>(() =>
            Store.CreateAccountAsync(Samples.Account(name: "ci", orgId: "acme"), Ct));
    }

    [Fact]
    public async Task UnreachableRedis_EveryCallThrowsStoreUnavailable_Fast()
    {
        await using var nowhere = await Gateway.Redis.RedisConnectionFactory.ConnectAsync(
            $"127.0.0.1:{Gateway.Testing.LoopbackPorts.Free()},connectTimeout=200,asyncTimeout=10000,syncTimeout=10000");
        var store = NewStore(nowhere);
        var started = TimeProvider.System.GetTimestamp();

        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.PingAsync(Ct));
        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.FindCredentialAsync(IdGenerator.NewKeyId(), Ct));
        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.CreateAccountAsync(Samples.Account(), Ct));

        // Timeouts of 10 s each: calls that waited for them would take 30 s; failing fast takes milliseconds, and the
        // bound leaves a loaded CI machine room (it was 2 s against 0.5 s timeouts, and flaked under load).
        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(8), "commands should fail fast, not wait for timeouts");
    }

    private async Task<List<string>> KeysWithPrefixAsync()
    {
        var server = redis.Redis.GetServers()[0];
        var keys = new List<string>();
        await foreach (var key in server.KeysAsync(pattern: _prefix + "*"))
        {
            keys.Add(key!);
        }

        keys.Sort(StringComparer.Ordinal);
        return keys;
    }
}
