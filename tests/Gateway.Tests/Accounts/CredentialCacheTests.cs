using Gateway.Accounts;
using Gateway.Accounts.Sqlite;
using Gateway.Errors;
using Gateway.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.Accounts;

/// <summary>The credential cache's rules, over a real SQLite store with a probe on lookups and a fake clock.</summary>
public sealed class CredentialCacheTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan MaxStaleness = TimeSpan.FromSeconds(60);
    private static readonly CancellationToken Ct = CancellationToken.None;

    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(Samples.T0);
    private readonly CredentialCacheOptions _options = new();
    private CountingAccountStore _store = null!;
    private CredentialCache _cache = null!;

    public async Task InitializeAsync()
    {
        var sqlite = new SqliteAccountStore(_dir.Combine("gateway.db"));
        await sqlite.InitializeAsync(Ct);
        _store = new CountingAccountStore(sqlite);
        _cache = NewCache();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public async Task Find_Miss_AsksTheStoreOnce_ThenHitsWithoutIt()
    {
        var key = await CreateKeyAsync();

        var first = await _cache.FindAsync(key.Id, Ct);
        var second = await _cache.FindAsync(key.Id, Ct);
        var third = await _cache.FindAsync(key.Id, Ct);

        Assert.Equal(key.Id, first?.Key.Id);
        Assert.Same(first, second);
        Assert.Same(first, third);
        Assert.Equal(1, _store.FindCalls);
        Assert.Equal(2, _cache.Hits);
        Assert.Equal(1, _cache.Misses);
    }

    [Fact]
    public async Task TryFindCached_BySpan_AnswersOnlyWhatFindWouldServeFromTheCache()
    {
        var key = await CreateKeyAsync();
        var unknown = IdGenerator.NewKeyId();
        var slice = ("<" + key.Id + ">").ToCharArray(); // the key id inside a longer buffer, as in a token
        ReadOnlySpan<char> KeyId() => slice.AsSpan(1, key.Id.Length);

        Assert.False(_cache.TryFindCached(KeyId(), out _));
        Assert.False(_cache.TryFindCached(unknown, out _));
        var found = await _cache.FindAsync(key.Id, Ct);
        Assert.Null(await _cache.FindAsync(unknown, Ct));

        Assert.True(_cache.TryFindCached(KeyId(), out var cached));
        Assert.Same(found, cached);
        Assert.True(_cache.TryFindCached(unknown, out var none));
        Assert.Null(none);
        Assert.Equal(2, _cache.Hits);
        Assert.Equal(2, _cache.Misses);
        Assert.Equal(2, _store.FindCalls);

        _time.Advance(_options.EntryLifetime);
        Assert.False(_cache.TryFindCached(KeyId(), out _));
        Assert.False(_cache.TryFindCached(unknown, out _));
        Assert.Equal(2, _store.FindCalls);
    }

    [Fact]
    public async Task Find_WithinEntryLifetime_DoesNotSeeAChangeNobodyAnnounced_AfterIt_Does()
    {
        var key = await CreateKeyAsync();
        await _cache.FindAsync(key.Id, Ct);
        await _store.RevokeKeyAsync(key.Id, Samples.T0, Ct);

        _time.Advance(Shortest(_options.EntryLifetime) - TimeSpan.FromMilliseconds(1));
        Assert.Null((await _cache.FindAsync(key.Id, Ct))?.Key.RevokedAt);

        _time.SetUtcNow(Samples.T0 + _options.EntryLifetime);
        Assert.Equal(Samples.T0, (await _cache.FindAsync(key.Id, Ct))?.Key.RevokedAt);
        Assert.Equal(2, _store.FindCalls);
    }

    [Fact]
    public async Task Find_UnknownKey_IsRememberedForTheNegativeLifetime()
    {
        var unknown = IdGenerator.NewKeyId();

        Assert.Null(await _cache.FindAsync(unknown, Ct));
        _time.Advance(Shortest(_options.NegativeLifetime) - TimeSpan.FromMilliseconds(1));
        Assert.Null(await _cache.FindAsync(unknown, Ct));
        Assert.Equal(1, _store.FindCalls);
        Assert.Equal(1, _cache.UnknownCount);

        _time.SetUtcNow(Samples.T0 + _options.NegativeLifetime);
        Assert.Null(await _cache.FindAsync(unknown, Ct));
        Assert.Equal(2, _store.FindCalls);
    }

    [Fact]
    public async Task EntriesLoadedAtOneInstant_ExpireSpreadOverTheLastFifthOfTheLifetime_NoneAfterIt_AndTheSweepAgrees()
    {
        var account = await CreateAccountAsync();
        var found = new List<string>();
        var unknown = new List<string>();
        for (var i = 0; i < 48; i++)
        {
            var key = Samples.Key(account.Id);
            await _store.CreateKeyAsync(key, Ct);
            found.Add(key.Id);
            unknown.Add(IdGenerator.NewKeyId());
        }

        foreach (var keyId in found.Concat(unknown))
        {
            await _cache.FindAsync(keyId, Ct);
        }

        Assert.Equal((found.Count, unknown.Count), (_cache.Count, _cache.UnknownCount));
        var cached = (Found: found.Count, Unknown: unknown.Count);
        var expiryMoments = (Found: 0, Unknown: 0);
        var start = Shortest(_options.EntryLifetime) - TimeSpan.FromSeconds(1);
        for (var at = start; at <= _options.EntryLifetime; at += TimeSpan.FromSeconds(1))
        {
            _time.SetUtcNow(Samples.T0 + at);
            var now = (Found: found.Count(id => _cache.TryFindCached(id, out _)), Unknown: unknown.Count(id => _cache.TryFindCached(id, out _)));
            _cache.Sweep();
            Assert.Equal(now, (_cache.Count, _cache.UnknownCount));
            Assert.True(now.Found <= cached.Found && now.Unknown <= cached.Unknown);
            expiryMoments.Found += now.Found < cached.Found ? 1 : 0;
            expiryMoments.Unknown += now.Unknown < cached.Unknown ? 1 : 0;
            cached = now;
            if (at < Shortest(_options.EntryLifetime))
            {
                Assert.Equal((found.Count, unknown.Count), now);
            }
        }

        Assert.Equal((0, 0), cached);
        Assert.True(expiryMoments.Found >= 3, $"found entries expired at {expiryMoments.Found} moments only");
        Assert.True(expiryMoments.Unknown >= 3, $"unknown entries expired at {expiryMoments.Unknown} moments only");
        Assert.Equal(2 * found.Count, _store.FindCalls);
    }

    [Fact]
    public async Task Find_NegativeLifetimeZero_NeverRemembersUnknownKeys()
    {
        _options.NegativeLifetime = TimeSpan.Zero;
        var cache = NewCache();
        var unknown = IdGenerator.NewKeyId();

        await cache.FindAsync(unknown, Ct);
        await cache.FindAsync(unknown, Ct);

        Assert.Equal(2, _store.FindCalls);
        Assert.Equal(0, cache.UnknownCount);
    }

    [Fact]
    public async Task InvalidateKey_DropsTheEntry_SoTheNextLookupSeesTheRevocation()
    {
        var key = await CreateKeyAsync();
        await _cache.FindAsync(key.Id, Ct);
        await _store.RevokeKeyAsync(key.Id, Samples.T0, Ct);

        _cache.InvalidateKey(key.Id);

        Assert.Equal(Samples.T0, (await _cache.FindAsync(key.Id, Ct))?.Key.RevokedAt);
        Assert.Equal(2, _store.FindCalls);
    }

    [Fact]
    public async Task InvalidateKey_DropsAnUnknownAnswer_SoANewKeyIsFoundAtOnce()
    {
        var account = await CreateAccountAsync();
        var key = Samples.Key(account.Id);
        Assert.Null(await _cache.FindAsync(key.Id, Ct));
        await _store.CreateKeyAsync(key, Ct);

        _cache.InvalidateKey(key.Id);

        Assert.Equal(key.Id, (await _cache.FindAsync(key.Id, Ct))?.Key.Id);
        Assert.Equal(0, _cache.UnknownCount);
    }

    [Fact]
    public async Task InvalidateAccount_DropsEveryKeyOfThatAccountOnly()
    {
        var account = await CreateAccountAsync();
        var first = await CreateKeyAsync(account);
        var second = await CreateKeyAsync(account);
        var bystander = await CreateKeyAsync();
        foreach (var id in new[] { first.Id, second.Id, bystander.Id })
        {
            await _cache.FindAsync(id, Ct);
        }

        await _store.UpdateAccountAsync(account with { Status = AccountStatus.Disabled }, Ct);
        _cache.InvalidateAccount(account.Id);

        Assert.Equal(1, _cache.Count);
        Assert.Equal(AccountStatus.Disabled, (await _cache.FindAsync(first.Id, Ct))?.Account.Status);
        Assert.Equal(AccountStatus.Disabled, (await _cache.FindAsync(second.Id, Ct))?.Account.Status);
        Assert.Equal(AccountStatus.Active, (await _cache.FindAsync(bystander.Id, Ct))?.Account.Status);
        Assert.Equal(5, _store.FindCalls);
    }

    [Fact]
    public async Task KeysOfOneAccount_ShareOneAccountObject_ButAChangedAccountIsNeverServedThroughTheOldOne()
    {
        var account = await CreateAccountAsync();
        var first = await CreateKeyAsync(account);
        var second = await CreateKeyAsync(account);
        var third = await CreateKeyAsync(account);
        var bystander = await CreateKeyAsync();

        var a = await _cache.FindAsync(first.Id, Ct);
        var b = await _cache.FindAsync(second.Id, Ct);
        var other = await _cache.FindAsync(bystander.Id, Ct);

        Assert.Same(a!.Account, b!.Account);
        Assert.Equal(second.Id, b.Key.Id);
        Assert.Same(b, await _cache.FindAsync(second.Id, Ct)); // the caller got the cached object
        Assert.NotSame(a.Account, other!.Account);
        Assert.Equal(2, _cache.SharedAccounts);

        // A change whose broadcast was missed: the next load reads the new account, and does not take the old one.
        await _store.UpdateAccountAsync(account with { Status = AccountStatus.Disabled, UpdatedAt = account.UpdatedAt.AddSeconds(1) }, Ct);
        var c = await _cache.FindAsync(third.Id, Ct);

        Assert.Equal(AccountStatus.Disabled, c!.Account.Status);
        Assert.Equal(AccountStatus.Active, a.Account.Status);

        // Once no cached key holds an account, the sweep lets it go.
        _time.Advance(_options.EntryLifetime);
        _cache.Sweep();
        Assert.Equal(0, _cache.Count);
        Assert.Equal(0, _cache.SharedAccounts);
    }

    [Fact]
    public async Task Clear_ForgetsEverything()
    {
        var key = await CreateKeyAsync();
        await _cache.FindAsync(key.Id, Ct);
        await _cache.FindAsync(IdGenerator.NewKeyId(), Ct);

        _cache.Clear();

        Assert.Equal(0, _cache.Count);
        Assert.Equal(0, _cache.UnknownCount);
        await _cache.FindAsync(key.Id, Ct);
        Assert.Equal(3, _store.FindCalls);
    }

    [Fact]
    public async Task MaxEntries_BeyondIt_CredentialsAreServedButNotCached()
    {
        _options.Admission = CredentialCacheAdmission.Always; // the cap alone, every answer admitted
        _options.MaxEntries = 2;
        var cache = NewCache();
        var keys = new[] { await CreateKeyAsync(), await CreateKeyAsync(), await CreateKeyAsync() };
        foreach (var key in keys)
        {
            Assert.Equal(key.Id, (await cache.FindAsync(key.Id, Ct))?.Key.Id);
        }

        Assert.Equal(2, cache.Count);
        Assert.Equal(keys[2].Id, (await cache.FindAsync(keys[2].Id, Ct))?.Key.Id);
        Assert.Equal(4, _store.FindCalls);
    }

    [Fact]
    public async Task MaxNegativeEntries_AFloodOfUnknownIds_StaysBounded_AndDoesNotEvictRealCredentials()
    {
        _options.MaxNegativeEntries = 5;
        var cache = NewCache();
        var key = await CreateKeyAsync();
        await cache.FindAsync(key.Id, Ct);

        for (var i = 0; i < 50; i++)
        {
            Assert.Null(await cache.FindAsync(IdGenerator.NewKeyId(), Ct));
        }

        Assert.Equal(5, cache.UnknownCount);
        Assert.Equal(1, cache.Count);
        var calls = _store.FindCalls;
        await cache.FindAsync(key.Id, Ct);
        Assert.Equal(calls, _store.FindCalls);
    }

    [Fact]
    public async Task Full_ExpiredEntriesAreSweptToMakeRoom()
    {
        _options.MaxNegativeEntries = 2;
        var cache = NewCache();
        await cache.FindAsync(IdGenerator.NewKeyId(), Ct);
        await cache.FindAsync(IdGenerator.NewKeyId(), Ct);
        _time.Advance(_options.NegativeLifetime);

        var unknown = IdGenerator.NewKeyId();
        Assert.Null(await cache.FindAsync(unknown, Ct)); // answered, not cached: the sweep is scheduled, not run inline
        await cache.ScheduledSweep;

        Assert.Equal(0, cache.UnknownCount);
        await cache.FindAsync(unknown, Ct);
        Assert.Equal(1, cache.UnknownCount);
        await cache.FindAsync(unknown, Ct);
        Assert.Equal(4, _store.FindCalls);
    }

    [Fact]
    public async Task FullOfCredentials_TheScheduledSweepDropsTheExpiredOnesByTheirExpirySecond()
    {
        _options.Admission = CredentialCacheAdmission.Always; // the cap alone, every answer admitted
        _options.MaxEntries = 3;
        var cache = NewCache();
        var early = new[] { await CreateKeyAsync(), await CreateKeyAsync() };
        foreach (var key in early)
        {
            await cache.FindAsync(key.Id, Ct);
        }

        _time.Advance(TimeSpan.FromSeconds(30));
        var later = await CreateKeyAsync();
        await cache.FindAsync(later.Id, Ct);
        _time.Advance(TimeSpan.FromSeconds(31)); // the first two expired (≤ 60 s), the third not (≥ 48 s after its load: 61 − 30 = 31 s)

        var next = await CreateKeyAsync();
        Assert.Equal(next.Id, (await cache.FindAsync(next.Id, Ct))?.Key.Id); // full: answered, not cached
        await cache.ScheduledSweep;

        Assert.Equal(1, cache.Count);
        var calls = _store.FindCalls;
        Assert.Equal(later.Id, (await cache.FindAsync(later.Id, Ct))?.Key.Id); // still served from the cache
        Assert.Equal(calls, _store.FindCalls);
        await cache.FindAsync(next.Id, Ct);
        await cache.FindAsync(next.Id, Ct);
        Assert.Equal(calls + 1, _store.FindCalls); // now cached
        Assert.Equal(2, cache.EvictedExpired);
    }

    [Fact]
    public async Task Full_AFloodOfMisses_SchedulesOneSweepASecond_OffTheRequestPath()
    {
        _options.MaxNegativeEntries = 2;
        var cache = NewCache();
        await cache.FindAsync(IdGenerator.NewKeyId(), Ct);
        await cache.FindAsync(IdGenerator.NewKeyId(), Ct);
        _time.Advance(_options.NegativeLifetime);

        for (var i = 0; i < 50; i++)
        {
            Assert.Null(await cache.FindAsync(IdGenerator.NewKeyId(), Ct));
        }

        await cache.ScheduledSweep;
        Assert.Equal(1, cache.Sweeps);
        for (var i = 0; i < 50; i++)
        {
            await cache.FindAsync(IdGenerator.NewKeyId(), Ct);
        }

        await cache.ScheduledSweep;
        Assert.Equal(1, cache.Sweeps); // full again within the second: no second sweep
        Assert.Equal(2, cache.UnknownCount);
        _time.Advance(TimeSpan.FromSeconds(1));
        await cache.FindAsync(IdGenerator.NewKeyId(), Ct);
        await cache.ScheduledSweep;
        Assert.Equal(2, cache.Sweeps);
    }

    [Fact]
    public async Task Sweep_DropsExpiredEntriesOnly()
    {
        var old = await CreateKeyAsync();
        await _cache.FindAsync(old.Id, Ct);
        await _cache.FindAsync(IdGenerator.NewKeyId(), Ct);
        _time.Advance(TimeSpan.FromSeconds(30));
        var fresh = await CreateKeyAsync();
        await _cache.FindAsync(fresh.Id, Ct);
        _time.Advance(TimeSpan.FromSeconds(30));

        _cache.Sweep();

        Assert.Equal(1, _cache.Count);
        Assert.Equal(0, _cache.UnknownCount);
        await _cache.FindAsync(fresh.Id, Ct);
        Assert.Equal(3, _store.FindCalls);
    }

    [Fact]
    public async Task StoreUnreachable_KeyNotCached_ThrowsStoreUnavailable()
    {
        var key = await CreateKeyAsync();
        _store.Unreachable = true;

        await Assert.ThrowsAsync<StoreUnavailableException>(() => _cache.FindAsync(key.Id, Ct).AsTask());
    }

    [Fact]
    public async Task StoreUnreachable_ExpiredCachedKey_IsServedForMaxStaleness_ThenRefused()
    {
        var key = await CreateKeyAsync();
        await _cache.FindAsync(key.Id, Ct);
        _time.Advance(_options.EntryLifetime);
        _store.Unreachable = true;

        Assert.Equal(key.Id, (await _cache.FindAsync(key.Id, Ct))?.Key.Id);
        Assert.True(_cache.Unreachable);
        _time.Advance(MaxStaleness - TimeSpan.FromMilliseconds(1));
        Assert.Equal(key.Id, (await _cache.FindAsync(key.Id, Ct))?.Key.Id);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        await Assert.ThrowsAsync<StoreUnavailableException>(() => _cache.FindAsync(key.Id, Ct).AsTask());
    }

    [Fact]
    public async Task StoreBack_AfterAFailure_NormalServiceResumes()
    {
        var key = await CreateKeyAsync();
        _store.Unreachable = true;
        await Assert.ThrowsAsync<StoreUnavailableException>(() => _cache.FindAsync(key.Id, Ct).AsTask());

        _store.Unreachable = false;

        Assert.Equal(key.Id, (await _cache.FindAsync(key.Id, Ct))?.Key.Id);
        Assert.False(_cache.Unreachable);
    }

    [Fact]
    public async Task ConnectionLost_CachedKeysAreServedWithoutTheStore_ForMaxStalenessOnly()
    {
        var key = await CreateKeyAsync();
        await _cache.FindAsync(key.Id, Ct);
        _store.Unreachable = true;

        _cache.ConnectionLost();
        _time.Advance(MaxStaleness - TimeSpan.FromMilliseconds(1));
        Assert.Equal(key.Id, (await _cache.FindAsync(key.Id, Ct))?.Key.Id);
        Assert.Equal(1, _store.FindCalls);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        await Assert.ThrowsAsync<StoreUnavailableException>(() => _cache.FindAsync(key.Id, Ct).AsTask());
    }

    [Fact]
    public async Task ConnectionLost_ButStoreAnswers_AfterMaxStalenessEveryLookupReadsTheStore()
    {
        var key = await CreateKeyAsync();
        await _cache.FindAsync(key.Id, Ct);
        _cache.ConnectionLost();
        _time.Advance(MaxStaleness);
        await _store.RevokeKeyAsync(key.Id, Samples.T0, Ct);

        Assert.Equal(Samples.T0, (await _cache.FindAsync(key.Id, Ct))?.Key.RevokedAt);
        Assert.Equal(Samples.T0, (await _cache.FindAsync(key.Id, Ct))?.Key.RevokedAt);
        Assert.Equal(3, _store.FindCalls);
    }

    [Fact]
    public async Task ConnectionRestored_ClearsTheCache_AndResumesNormalService()
    {
        var key = await CreateKeyAsync();
        await _cache.FindAsync(key.Id, Ct);
        _cache.ConnectionLost();
        await _store.RevokeKeyAsync(key.Id, Samples.T0, Ct);

        _cache.ConnectionRestored();

        Assert.False(_cache.Unreachable);
        Assert.Equal(Samples.T0, (await _cache.FindAsync(key.Id, Ct))?.Key.RevokedAt);
        await _cache.FindAsync(key.Id, Ct);
        Assert.Equal(2, _store.FindCalls);
    }

    [Fact]
    public async Task MaxStalenessZero_NothingIsServedOnceTheStoreIsUnreachable()
    {
        var cache = NewCache(TimeSpan.Zero);
        var key = await CreateKeyAsync();
        await cache.FindAsync(key.Id, Ct);
        _store.Unreachable = true;

        cache.ConnectionLost();

        await Assert.ThrowsAsync<StoreUnavailableException>(() => cache.FindAsync(key.Id, Ct).AsTask());
    }

    [Fact]
    public async Task ConcurrentMisses_ForOneKey_ShareOneStoreLookup()
    {
        var key = await CreateKeyAsync();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _store.Gate = gate.Task;

        var lookups = Enumerable.Range(0, 20).Select(_ => _cache.FindAsync(key.Id, Ct).AsTask()).ToArray();
        gate.SetResult();
        var results = await Task.WhenAll(lookups);

        Assert.All(results, r => Assert.Equal(key.Id, r?.Key.Id));
        Assert.Equal(1, _store.FindCalls);
    }

    [Fact]
    public async Task LookupRacingAnInvalidation_IsAnsweredButNotCached()
    {
        var key = await CreateKeyAsync();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _store.Gate = gate.Task;
        var lookup = _cache.FindAsync(key.Id, Ct).AsTask();

        _cache.InvalidateKey(key.Id);
        gate.SetResult();
        await lookup;
        _store.Gate = null;

        Assert.Equal(0, _cache.Count);
        await _cache.FindAsync(key.Id, Ct);
        Assert.Equal(2, _store.FindCalls);
    }

    [Fact]
    public async Task Find_CallerCancelled_ThrowsOperationCanceled_AndTheSharedLookupStillCompletes()
    {
        var key = await CreateKeyAsync();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _store.Gate = gate.Task;
        using var cancel = new CancellationTokenSource();
        var cancelled = _cache.FindAsync(key.Id, cancel.Token).AsTask();
        var patient = _cache.FindAsync(key.Id, Ct).AsTask();

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        gate.SetResult();

        Assert.Equal(key.Id, (await patient)?.Key.Id);
        Assert.False(_cache.Unreachable);
    }

    [Fact]
    public async Task SecondSighting_AKeySeenOnce_IsServedButNotCached_SeenTwice_IsCached()
    {
        _options.Admission = CredentialCacheAdmission.SecondSighting;
        var cache = NewCache();
        var key = await CreateKeyAsync();

        var first = await cache.FindAsync(key.Id, Ct);
        Assert.Equal(key.Id, first?.Key.Id);
        Assert.Equal(0, cache.Count);
        Assert.Equal(1, cache.NotAdmitted);

        var second = await cache.FindAsync(key.Id, Ct);
        var third = await cache.FindAsync(key.Id, Ct);

        Assert.Equal(key.Id, second?.Key.Id);
        Assert.Same(second, third);
        Assert.Equal(1, cache.Count);
        Assert.Equal(2, _store.FindCalls);
        Assert.Equal(2, cache.Misses);
        Assert.Equal(1, cache.Hits);

        // Expired: the key missed recently, so its next answer is cached at once.
        _time.Advance(_options.EntryLifetime);
        await cache.FindAsync(key.Id, Ct);
        await cache.FindAsync(key.Id, Ct);
        Assert.Equal(3, _store.FindCalls);
        Assert.Equal(1, cache.NotAdmitted);
    }

    [Fact]
    public async Task SecondSighting_ConcurrentMisses_ShareOneStoreLookup_AndCountAsOneSighting()
    {
        _options.Admission = CredentialCacheAdmission.SecondSighting;
        var cache = NewCache();
        var key = await CreateKeyAsync();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _store.Gate = gate.Task;

        var lookups = Enumerable.Range(0, 20).Select(_ => cache.FindAsync(key.Id, Ct).AsTask()).ToArray();
        gate.SetResult();
        var results = await Task.WhenAll(lookups);
        _store.Gate = null;

        Assert.All(results, r => Assert.Equal(key.Id, r?.Key.Id));
        Assert.Equal(1, _store.FindCalls);
        Assert.Equal(0, cache.Count);
        Assert.Equal(1, cache.NotAdmitted); // twenty misses, one lookup, one sighting
        Assert.True(cache.Doorkeeper!.Admit(key.Id)); // which the next lookup's answer is admitted by
    }

    [Fact]
    public async Task SecondSighting_ALookupRacingAnInvalidation_IsNeverCached_EvenWhenAdmissible()
    {
        _options.Admission = CredentialCacheAdmission.SecondSighting;
        var cache = NewCache();
        var key = await CreateKeyAsync();
        await cache.FindAsync(key.Id, Ct); // first sighting: the key is admissible from now on
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _store.Gate = gate.Task;
        var lookup = cache.FindAsync(key.Id, Ct).AsTask();

        cache.InvalidateKey(key.Id);
        gate.SetResult();
        Assert.Equal(key.Id, (await lookup)?.Key.Id);
        _store.Gate = null;

        Assert.Equal(0, cache.Count);
        await cache.FindAsync(key.Id, Ct);
        Assert.Equal(1, cache.Count);
        Assert.Equal(3, _store.FindCalls);
    }

    [Fact]
    public async Task Admission_Always_NeverBuildsADoorkeeper_SecondSighting_BuildsOneSizedByMaxEntries_OnItsFirstMiss()
    {
        _options.Admission = CredentialCacheAdmission.Always;
        var always = NewCache();
        await always.FindAsync((await CreateKeyAsync()).Id, Ct);
        Assert.Null(always.Doorkeeper);

        _options.Admission = CredentialCacheAdmission.SecondSighting;
        _options.MaxEntries = 1000;
        var cache = NewCache();
        Assert.Null(cache.Doorkeeper); // no table until one is needed
        await cache.FindAsync((await CreateKeyAsync()).Id, Ct);
        var doorkeeper = cache.Doorkeeper;

        Assert.NotNull(doorkeeper);
        Assert.Equal(500, doorkeeper.GenerationSize);
        Assert.Equal(2048, doorkeeper.Slots);
    }

    [Theory]
    [InlineData(CredentialCacheAdmission.Always, 100_000, int.MaxValue)]
    [InlineData(CredentialCacheAdmission.SecondSighting, 100_000, 0)]
    [InlineData(CredentialCacheAdmission.Adaptive, 100_000, 25_000)]
    [InlineData(CredentialCacheAdmission.Adaptive, 8, 2)]
    [InlineData(CredentialCacheAdmission.Adaptive, 3, 1)]
    [InlineData(CredentialCacheAdmission.Adaptive, 1, 1)]
    public void AdmitAllBelow_FollowsTheAdmissionAndMaxEntries(CredentialCacheAdmission admission, int maxEntries, int expected)
    {
        Assert.Equal(expected, CredentialCache.AdmitAllBelow(new CredentialCacheOptions { Admission = admission, MaxEntries = maxEntries }));
    }

    [Fact]
    public void Admission_DefaultsToAdaptive()
    {
        Assert.Equal(CredentialCacheAdmission.Adaptive, new CredentialCacheOptions().Admission);
    }

    [Fact]
    public async Task Adaptive_BelowAQuarterFull_EveryAnswerIsCached_FromThere_OnlyKeysThatMissedRecently()
    {
        _options.Admission = CredentialCacheAdmission.Adaptive;
        _options.MaxEntries = 8; // admits every answer while fewer than 2 credentials are cached
        var cache = NewCache();
        var keys = new[] { await CreateKeyAsync(), await CreateKeyAsync(), await CreateKeyAsync() };

        // Below the threshold: a miss, then a hit, as under Always; no doorkeeper is built.
        await cache.FindAsync(keys[0].Id, Ct);
        await cache.FindAsync(keys[1].Id, Ct);
        Assert.Equal(2, cache.Count);
        Assert.Null(cache.Doorkeeper);
        await cache.FindAsync(keys[0].Id, Ct);
        Assert.Equal(2, _store.FindCalls);
        Assert.Equal(1, cache.Hits);

        // At the threshold: a key seen once is served but not kept; seen again, it is kept.
        Assert.Equal(keys[2].Id, (await cache.FindAsync(keys[2].Id, Ct))?.Key.Id);
        Assert.Equal(2, cache.Count);
        Assert.Equal(1, cache.NotAdmitted);
        Assert.NotNull(cache.Doorkeeper);
        await cache.FindAsync(keys[2].Id, Ct);
        Assert.Equal(3, cache.Count);
        await cache.FindAsync(keys[2].Id, Ct);
        Assert.Equal(4, _store.FindCalls);
        Assert.Equal(1, cache.NotAdmitted);

        // Emptied by an invalidation: below the threshold again, every answer is kept at once.
        cache.Clear();
        Assert.Equal(0, cache.Count);
        var fresh = await CreateKeyAsync();
        await cache.FindAsync(fresh.Id, Ct);
        Assert.Equal(1, cache.Count);
        Assert.Equal(1, cache.NotAdmitted);
    }

    [Fact]
    public async Task Adaptive_UnknownIdsNeitherMoveTheThreshold_NorTakeAnotherPathThanFoundOnes()
    {
        _options.Admission = CredentialCacheAdmission.Adaptive;
        _options.MaxEntries = 4; // threshold 1: every answer is admitted while no credential is cached
        var cache = NewCache();

        // A flood of unknown ids below the threshold is cached like found ones (the found count is still 0).
        for (var i = 0; i < 5; i++)
        {
            Assert.Null(await cache.FindAsync(IdGenerator.NewKeyId(), Ct));
        }

        Assert.Equal((0, 5), (cache.Count, cache.UnknownCount));
        Assert.Equal(0, cache.NotAdmitted);
        var key = await CreateKeyAsync();
        await cache.FindAsync(key.Id, Ct); // still below: the unknown ids did not count
        Assert.Equal(1, cache.Count);

        // At the threshold a first-seen id is not kept, whether it exists or not.
        var other = await CreateKeyAsync();
        Assert.NotNull(await cache.FindAsync(other.Id, Ct));
        var unknown = IdGenerator.NewKeyId();
        while (cache.Doorkeeper!.SlotOf(unknown) == cache.Doorkeeper.SlotOf(other.Id))
        {
            unknown = IdGenerator.NewKeyId(); // apart from the other id's slot, so the test does not depend on hash luck
        }

        Assert.Null(await cache.FindAsync(unknown, Ct));
        Assert.Equal((1, 5), (cache.Count, cache.UnknownCount));
        Assert.Equal(2, cache.NotAdmitted);
        await cache.FindAsync(other.Id, Ct);
        await cache.FindAsync(unknown, Ct);
        Assert.Equal((2, 6), (cache.Count, cache.UnknownCount));
    }

    /// <summary>The shortest lifetime the expiry spread may give an entry.</summary>
    private static TimeSpan Shortest(TimeSpan lifetime) => lifetime * (1 - CredentialCache.ExpirySpread);

    private CredentialCache NewCache(TimeSpan? maxStaleness = null) =>
        new(_store, _options, maxStaleness ?? MaxStaleness, _time);

    private async Task<ServiceAccount> CreateAccountAsync()
    {
        var account = Samples.Account();
        await _store.CreateAccountAsync(account, Ct);
        return account;
    }

    private async Task<ApiKey> CreateKeyAsync(ServiceAccount? account = null)
    {
        account ??= await CreateAccountAsync();
        var key = Samples.Key(account.Id);
        await _store.CreateKeyAsync(key, Ct);
        return key;
    }
}
