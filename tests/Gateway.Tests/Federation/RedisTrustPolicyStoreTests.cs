using Gateway.Accounts;
using Gateway.Accounts.Redis;
using Gateway.Federation.Store;
using Gateway.Testing;
using Gateway.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace Gateway.Tests.Federation;

/// <summary>The trust policy contract over the shared Redis store on a real redis-server, plus its key layout.</summary>
public sealed class RedisTrustPolicyStoreTests(RedisFixture redis) : TrustPolicyStoreContract, IClassFixture<RedisFixture>
{
    private readonly string _prefix = RedisFixture.NewPrefix();
    private readonly List<IConnectionMultiplexer> _connections = [];

    protected override Task<(IAccountStore Accounts, ITrustPolicyStore Policies)> CreateStoresAsync() =>
        Task.FromResult<(IAccountStore, ITrustPolicyStore)>((
            new RedisAccountStore(redis.Redis, _prefix, new FakeTimeProvider(Samples.T0), NullLogger<RedisAccountStore>.Instance),
            new RedisTrustPolicyStore(redis.Redis, new RedisKeyLayout(_prefix))));

    protected override async Task<ITrustPolicyStore> OpenUnavailableStoreAsync()
    {
        // A real failure: a port nothing listens on; the client fails fast instead of waiting for a connection.
        var closed = await RedisServer.ConnectToNothingAsync();
        _connections.Add(closed);
        return new RedisTrustPolicyStore(closed, new RedisKeyLayout(_prefix));
    }

    public override async Task DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }
    }

    [Fact]
    public async Task KeyLayout_PoliciesShareTheAccountsHashSlot()
    {
        var account = await NewAccountAsync();
        var policy = Policy(account.Id);
        await Policies.CreateAsync(policy, 20, Ct);

        var server = redis.Redis.GetServers()[0];
        var keys = server.Keys(pattern: _prefix + "*").Select(k => k.ToString()).ToList();

        Assert.Contains($"{_prefix}{{{account.Id}}}:trust-policies", keys);
        Assert.Contains($"{_prefix}trust-policy:{policy.Id}", keys);
        Assert.Contains($"{_prefix}{{{account.Id}}}:account", keys);
    }
}
