using Gateway.Accounts;
using Gateway.Accounts.Redis;
using Gateway.Federation.Store;
using Gateway.Testing;
using Gateway.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.Federation;

/// <summary>The trust policy contract over the shared Redis store on a real redis-server, plus its key layout.</summary>
public sealed class RedisTrustPolicyStoreTests(RedisFixture redis) : TrustPolicyStoreContract, IClassFixture<RedisFixture>
{
    private readonly string _prefix = RedisFixture.NewPrefix();

    protected override Task<(IAccountStore Accounts, ITrustPolicyStore Policies)> CreateStoresAsync() =>
        Task.FromResult<(IAccountStore, ITrustPolicyStore)>((
            new RedisAccountStore(redis.Redis, _prefix, new FakeTimeProvider(Samples.T0), NullLogger<RedisAccountStore>.Instance),
            new RedisTrustPolicyStore(redis.Redis, new RedisKeyLayout(_prefix))));

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
