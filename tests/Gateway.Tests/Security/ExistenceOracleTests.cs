using Gateway.Accounts;
using Gateway.Accounts.Sqlite;
using Gateway.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.Security;

/// <summary>
/// No existence oracle in the credential lookup: with the default settings an unknown key id is remembered exactly as
/// long as a known one, so probing the same id again takes the same path (a cache hit) whether it exists or not,
/// and both go back to the store within the same window (each entry's lifetime is drawn from the same spread). (The timing itself is measured by load-tests/security.)
/// </summary>
public sealed class ExistenceOracleTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public async Task UnknownAndKnownKeyIds_AreCachedEquallyLong_ByDefault()
    {
        var (store, known, unknown) = await StoreWithOneKeyAsync();
        var options = new CredentialCacheOptions();
        var time = new FakeTimeProvider(Samples.T0);
        var cache = new CredentialCache(store, options, TimeSpan.FromSeconds(60), time);

        Assert.NotNull(await cache.FindAsync(known.Id, CancellationToken.None));
        Assert.Null(await cache.FindAsync(unknown, CancellationToken.None));
        Assert.Equal(2, store.FindCalls);

        time.Advance((options.EntryLifetime * (1 - CredentialCache.ExpirySpread)) - TimeSpan.FromMilliseconds(1));
        await cache.FindAsync(known.Id, CancellationToken.None);
        await cache.FindAsync(unknown, CancellationToken.None);
        Assert.Equal(2, store.FindCalls);

        time.SetUtcNow(Samples.T0 + options.EntryLifetime);
        await cache.FindAsync(known.Id, CancellationToken.None);
        await cache.FindAsync(unknown, CancellationToken.None);
        Assert.Equal(4, store.FindCalls);
    }

    [Fact]
    public async Task UnderSecondSightingAdmission_UnknownAndKnownKeyIds_AreAdmittedAlike()
    {
        var (store, known, unknown) = await StoreWithOneKeyAsync();
        var options = new CredentialCacheOptions { Admission = CredentialCacheAdmission.SecondSighting };
        var time = new FakeTimeProvider(Samples.T0);
        var cache = new CredentialCache(store, options, TimeSpan.FromSeconds(60), time);

        // First probe of each: read, answered, not cached.
        Assert.NotNull(await cache.FindAsync(known.Id, CancellationToken.None));
        Assert.Null(await cache.FindAsync(unknown, CancellationToken.None));
        Assert.Equal(2, store.FindCalls);
        Assert.Equal(2, cache.NotAdmitted);
        Assert.Equal((0, 0), (cache.Count, cache.UnknownCount));

        // Second: read again, and now cached, both.
        await cache.FindAsync(known.Id, CancellationToken.None);
        await cache.FindAsync(unknown, CancellationToken.None);
        Assert.Equal(4, store.FindCalls);
        Assert.Equal((1, 1), (cache.Count, cache.UnknownCount));

        // Third, within the shortest lifetime: both hits.
        time.Advance((options.EntryLifetime * (1 - CredentialCache.ExpirySpread)) - TimeSpan.FromMilliseconds(1));
        await cache.FindAsync(known.Id, CancellationToken.None);
        await cache.FindAsync(unknown, CancellationToken.None);
        Assert.Equal(4, store.FindCalls);

        // Both expire within the same window, and are re-cached on their next read alike (both sighted recently).
        time.SetUtcNow(Samples.T0 + options.EntryLifetime);
        await cache.FindAsync(known.Id, CancellationToken.None);
        await cache.FindAsync(unknown, CancellationToken.None);
        Assert.Equal(6, store.FindCalls);
        Assert.Equal((1, 1), (cache.Count, cache.UnknownCount));
        Assert.Equal(2, cache.NotAdmitted);
    }

    /// <summary>A real SQLite store (behind a lookup counter) holding one key, and an id no key has.</summary>
    private async Task<(CountingAccountStore Store, ApiKey Known, string Unknown)> StoreWithOneKeyAsync()
    {
        var sqlite = new SqliteAccountStore(_dir.Combine("gateway.db"));
        await sqlite.InitializeAsync(CancellationToken.None);
        var store = new CountingAccountStore(sqlite);
        var account = Samples.Account();
        await store.CreateAccountAsync(account, CancellationToken.None);
        var known = Samples.Key(account.Id);
        await store.CreateKeyAsync(known, CancellationToken.None);
        return (store, known, IdGenerator.NewKeyId());
    }
}
