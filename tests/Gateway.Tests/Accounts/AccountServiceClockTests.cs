using System.Security.Cryptography;
using Gateway.Accounts;
using Gateway.Accounts.Invalidation;
using Gateway.Accounts.Roles;
using Gateway.Accounts.Secrets;
using Gateway.Accounts.Sqlite;
using Gateway.Accounts.Tokens;
using Gateway.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.Accounts;

/// <summary>The account service takes its time from the <see cref="TimeProvider"/> it is given, at the stores' precision.</summary>
public sealed class AccountServiceClockTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly FakeTimeProvider _time = new(Samples.T0.AddTicks(7_654));
    private readonly SqliteAccountStore _store;
    private readonly AccountService _service;

    public AccountServiceClockTests()
    {
        _store = new SqliteAccountStore(_directory.Combine("gateway.db"));
        _store.InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
        var cache = new CredentialCache(_store, new CredentialCacheOptions(), TimeSpan.FromSeconds(30), _time);
        var publisher = new LocalInvalidationPublisher(new InvalidationApplier(cache, new RoleRegistry(_store), NullLogger<InvalidationApplier>.Instance));
        var keys = new KeyFactory(
            new SecretHasher(RandomNumberGenerator.GetBytes(32)), new SecretProtector([new MasterKey("k1", RandomNumberGenerator.GetBytes(32))], "k1"), _time);
        _service = new AccountService(_store, keys, Options.Create(new KeysOptions()), publisher, _time);
    }

    [Fact]
    public void StoreTime_TruncatesToMilliseconds()
    {
        Assert.Equal(Samples.T0, _time.GetStoreUtcNow());
        _time.Advance(TimeSpan.FromTicks(9_999));
        Assert.Equal(Samples.T0.AddMilliseconds(1), _time.GetStoreUtcNow());
    }

    [Fact]
    public async Task CreateAndRevoke_StampTheFakeClock()
    {
        var account = await _service.CreateAccountAsync(new NewAccount(Samples.UniqueName(), null, "acme", null, ["reader"], []), CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(5));
        var issued = await _service.CreateKeyAsync(account.Id, new KeySpec(KeyKind.Bearer, null, null, []), CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(5));
        await _service.RevokeKeyAsync(account.Id, issued.Key.Id, CancellationToken.None);

        Assert.Equal(Samples.T0, account.CreatedAt);
        Assert.Equal(Samples.T0.AddMinutes(5), issued.Key.CreatedAt);
        var revoked = Assert.Single(await _service.ListKeysAsync(account.Id, CancellationToken.None));
        Assert.Equal(Samples.T0.AddMinutes(10), revoked.RevokedAt);
    }

    public void Dispose() => _directory.Dispose();
}
