using System.Buffers.Text;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Gateway.Accounts;
using Gateway.FunctionalTests.Infrastructure;
using Gateway.Replay;
using Gateway.Telemetry;

namespace Gateway.FunctionalTests.Replay;

/// <summary>The Redis nonce store against a real redis-server: the contract, its keys, and outages.</summary>
public sealed class RedisNonceStoreTests(RedisFixture redis) : NonceStoreContract, IClassFixture<RedisFixture>
{
    private readonly string _prefix = "test:" + Guid.NewGuid().ToString("N")[..8] + ":";

    private RedisNonceStore RedisStore => new(redis.Redis, _prefix);

    protected override INonceStore Store => RedisStore;

    protected override TimeSpan ShortTtl => TimeSpan.FromSeconds(2);

    protected override void LetExpire(TimeSpan ttl)
    {
        // Real time: the contract test polls until Redis has expired the key.
    }

    [Theory]
    [InlineData(10_000)]
    [InlineData(0)]
    public async Task Reservation_IsOneKeyUnderThePrefix_WithTheTtl_AndABoundedName(int length)
    {
        var keyId = IdGenerator.NewKeyId();
        var replayKey = length > 0 ? new string('r', length) : "nönce-€-" + NewReplayKey();
        Assert.True(await RedisStore.TryReserveAsync(keyId, replayKey, TimeSpan.FromMinutes(10), CancellationToken.None));

        string name = RedisStore.RedisKey(keyId, replayKey)!;
        Assert.Equal(_prefix + "nonce:" + keyId + ":" + Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(replayKey))), name);
        Assert.True(name.Length < 100, name);
        var ttl = await redis.Redis.GetDatabase().KeyTimeToLiveAsync(name);
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
    }

    [Fact]
    public async Task KeyPrefixes_AreSharedPerKeyId_AndPastTheirBound_KeysAreStillExact_AndReservationsStillRefuseReplays()
    {
        // The bytes before the hash are made once per key id and shared; a stream over more key ids than the bound
        // empties the map and refills it — the keys written stay exactly those of the format, and a replay across
        // the reset is still refused (the key is the same whether or not its prefix was shared).
        var store = RedisStore;
        var first = IdGenerator.NewKeyId();
        Assert.Same(store.KeyPrefix(first), store.KeyPrefix(first));
        Assert.NotSame(store.KeyPrefix(first), store.KeyPrefix(IdGenerator.NewKeyId()));
        var replayKey = NewReplayKey();
        Assert.True(await store.TryReserveAsync(first, replayKey, TimeSpan.FromMinutes(1), CancellationToken.None));

        var before = store.KeyPrefix(first);
        for (var i = 0; i <= RedisNonceStore.MaxKeyPrefixes; i++)
        {
            var keyId = IdGenerator.NewKeyId();
            Assert.Equal(_prefix + "nonce:" + keyId + ":", Encoding.UTF8.GetString(store.KeyPrefix(keyId)));
        }

        Assert.NotSame(before, store.KeyPrefix(first));
        Assert.Equal(before, store.KeyPrefix(first));
        Assert.False(await store.TryReserveAsync(first, replayKey, TimeSpan.FromMinutes(1), CancellationToken.None));
        string name = store.RedisKey(first, replayKey)!;
        Assert.Equal(_prefix + "nonce:" + first + ":" + Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(replayKey))), name);
    }

    [Fact]
    public async Task OneStore_ManyRoundsOfMixedReservations_AnswersEveryCallerItsOwnResult_AndTimesEachOnce()
    {
        // The store waits on Redis through pooled reservation objects: reused across rounds and interleaved within
        // one, each must hand back its own caller's answer — a fresh nonce true, a replayed one false.
        var metrics = new GatewayMetrics(Prometheus.Metrics.NewCustomRegistry());
        var store = new RedisNonceStore(redis.Redis, _prefix, new NonceStoreInstruments(metrics, "redis"));
        var keyId = IdGenerator.NewKeyId();
        var taken = Enumerable.Range(0, 40).Select(_ => NewReplayKey()).ToArray();
        foreach (var replayKey in taken)
        {
            Assert.True(await store.TryReserveAsync(keyId, replayKey, TimeSpan.FromMinutes(1), CancellationToken.None));
        }

        const int Rounds = 10;
        for (var round = 0; round < Rounds; round++)
        {
            var attempts = Enumerable.Range(0, 80).Select(i => i % 2 == 0
                ? (Replay: false, Pending: store.TryReserveAsync(keyId, NewReplayKey(), TimeSpan.FromMinutes(1), CancellationToken.None).AsTask())
                : (Replay: true, Pending: store.TryReserveAsync(keyId, taken[i / 2], TimeSpan.FromMinutes(1), CancellationToken.None).AsTask()))
                .ToArray();
            await Task.WhenAll(attempts.Select(a => a.Pending));
            Assert.All(attempts, a => Assert.Equal(!a.Replay, a.Pending.Result));
        }

        Assert.Equal(40L + (Rounds * 80), metrics.StoreDuration.WithLabels("redis", "reserve_nonce").Count);
        Assert.Equal(0, metrics.StoreErrors.WithLabels("redis", "reserve_nonce").Value);
    }

    [Fact]
    public async Task TwoStoresOnOneRedis_SeeEachOthersReservations()
    {
        await using var other = await RedisConnections.ConnectAsync(redis.Server.Configuration);
        var (keyId, replayKey) = (IdGenerator.NewKeyId(), NewReplayKey());
        Assert.True(await RedisStore.TryReserveAsync(keyId, replayKey, TimeSpan.FromMinutes(1), CancellationToken.None));
        Assert.False(await new RedisNonceStore(other, _prefix).TryReserveAsync(keyId, replayKey, TimeSpan.FromMinutes(1), CancellationToken.None));
    }

    [Fact]
    public async Task ServerStopped_FailsQuicklyWithNonceStoreUnavailable_AndRestarted_WorksAgain()
    {
        // An outage of its own: the shared server of the other tests keeps running.
        await using var server = await RedisServer.LaunchAsync();
        // Timeouts of 10 s (the later settings win): three calls that waited for them would take 30 s, failing fast takes
        // milliseconds, and the bound below leaves a loaded machine room (it was 5 s against 2 s timeouts).
        await using var connection = await RedisConnections.ConnectAsync(server.Configuration + ",asyncTimeout=10000,syncTimeout=10000");
        var metrics = new GatewayMetrics(Prometheus.Metrics.NewCustomRegistry());
        var store = new RedisNonceStore(connection, _prefix, new NonceStoreInstruments(metrics, "redis"));
        Assert.True(await store.TryReserveAsync(IdGenerator.NewKeyId(), NewReplayKey(), TimeSpan.FromMinutes(1), CancellationToken.None));
        Assert.Equal(1L, metrics.StoreDuration.WithLabels("redis", "reserve_nonce").Count);

        await server.StopAsync();
        var elapsed = Stopwatch.StartNew();
        await Assert.ThrowsAsync<NonceStoreUnavailableException>(async () =>
            await store.TryReserveAsync(IdGenerator.NewKeyId(), NewReplayKey(), TimeSpan.FromMinutes(1), CancellationToken.None));
        await Assert.ThrowsAsync<NonceStoreUnavailableException>(() => store.PingAsync(CancellationToken.None));
        await Assert.ThrowsAsync<NonceStoreUnavailableException>(async () =>
            await store.ReleaseAsync(IdGenerator.NewKeyId(), NewReplayKey(), CancellationToken.None));
        Assert.True(elapsed.Elapsed < TimeSpan.FromSeconds(8), $"the outage took {elapsed.Elapsed} to report");

        // The store counts its own failures and times every reservation, the failed one included (no decorator).
        Assert.Equal(1, metrics.StoreErrors.WithLabels("redis", "reserve_nonce").Value);
        Assert.Equal(1, metrics.StoreErrors.WithLabels("redis", "ping").Value);
        Assert.Equal(1, metrics.StoreErrors.WithLabels("redis", "release_nonce").Value);
        Assert.Equal(2L, metrics.StoreDuration.WithLabels("redis", "reserve_nonce").Count);

        await server.StartAsync();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        var (keyId, replayKey) = (IdGenerator.NewKeyId(), NewReplayKey());
        bool? reserved = null;
        while (reserved is null && DateTime.UtcNow < deadline)
        {
            reserved = await TryReserveOrNullAsync(store, keyId, replayKey);
            if (reserved is null)
            {
                await Task.Delay(100);
            }
        }

        Assert.True(reserved, "no reservation succeeded within 15 s of Redis coming back");
        Assert.False(await store.TryReserveAsync(keyId, replayKey, TimeSpan.FromMinutes(1), CancellationToken.None));
        await store.PingAsync(CancellationToken.None);
    }

    /// <summary>The reservation's answer, or <c>null</c> while the store reports itself unavailable.</summary>
    private static async Task<bool?> TryReserveOrNullAsync(RedisNonceStore store, string keyId, string replayKey)
    {
        try
        {
            return await store.TryReserveAsync(keyId, replayKey, TimeSpan.FromMinutes(1), CancellationToken.None);
        }
        catch (NonceStoreUnavailableException)
        {
            return null;
        }
    }
}
