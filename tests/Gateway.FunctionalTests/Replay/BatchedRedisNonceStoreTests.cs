using System.Globalization;
using Gateway.Accounts;
using Gateway.FunctionalTests.Infrastructure;
using Gateway.Replay;
using Gateway.Telemetry;
using StackExchange.Redis;

namespace Gateway.FunctionalTests.Replay;

/// <summary>
/// The Redis nonce store with its reservations batched (<c>Gateway:Replay:RedisMaxBatch</c>), against a real
/// redis-server: the whole contract on one store, concurrent reservations coalesced into scripts that still reserve each
/// nonce exactly once (duplicates inside one batch and across batches), an outage that fails every waiter of every
/// call in flight, and a Redis Cluster, where reservations stay one <c>SET</c> each.
/// </summary>
public sealed class BatchedRedisNonceStoreTests(RedisFixture redis) : NonceStoreContract, IClassFixture<RedisFixture>
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(1);
    private readonly string _prefix = "test:" + Guid.NewGuid().ToString("N")[..8] + ":";
    private RedisNonceStore? _store;

    /// <summary>One store per test, so the contract's concurrent reservations share its batcher.</summary>
    protected override INonceStore Store => _store ??= new RedisNonceStore(redis.Redis, _prefix, maxBatch: 8);

    protected override TimeSpan ShortTtl => TimeSpan.FromSeconds(2);

    protected override void LetExpire(TimeSpan ttl)
    {
        // Real time: the contract test polls until Redis has expired the key.
    }

    [Fact]
    public async Task ManyConcurrentDistinctNonces_AllAccepted_InFewerCallsThanReservations_AndEachTimedOnce()
    {
        var metrics = new GatewayMetrics(Prometheus.Metrics.NewCustomRegistry());
        var store = new RedisNonceStore(redis.Redis, _prefix, new NonceStoreInstruments(metrics, "redis"), maxBatch: 16);
        var keyId = IdGenerator.NewKeyId();
        var scriptsBefore = await ScriptCallsAsync();

        const int Count = 400;
        var results = await Task.WhenAll(Enumerable.Range(0, Count)
            .Select(_ => store.TryReserveAsync(keyId, NewReplayKey(), Ttl, CancellationToken.None).AsTask()));

        Assert.All(results, Assert.True);
        Assert.True(await ScriptCallsAsync() > scriptsBefore, "no reservation went to Redis in a batch");
        Assert.Equal(Count, metrics.StoreDuration.WithLabels("redis", "reserve_nonce").Count);
        Assert.Equal(0, metrics.StoreErrors.WithLabels("redis", "reserve_nonce").Value);
    }

    [Theory]
    [InlineData(64)] // 20 copies of one nonce mostly inside one batch
    [InlineData(3)] // … spread over many batches in flight at once
    public async Task ConcurrentDuplicates_InsideOneBatchAndAcrossBatches_ExactlyOneAcceptedPerNonce(int maxBatch)
    {
        var store = new RedisNonceStore(redis.Redis, _prefix, maxBatch: maxBatch);
        var keyId = IdGenerator.NewKeyId();
        var nonces = Enumerable.Range(0, 10).Select(_ => NewReplayKey()).ToArray();
        var scriptsBefore = await ScriptCallsAsync();
        for (var round = 0; round < 3; round++)
        {
            // Each round: 10 nonces × 20 copies, interleaved, all at once; every copy after the first round is a replay.
            var attempts = Enumerable.Range(0, nonces.Length * 20)
                .Select(i => (Nonce: i % nonces.Length, Pending: store.TryReserveAsync(keyId, nonces[i % nonces.Length], Ttl, CancellationToken.None).AsTask()))
                .ToArray();
            await Task.WhenAll(attempts.Select(a => a.Pending));
            for (var n = 0; n < nonces.Length; n++)
            {
                Assert.Equal(round == 0 ? 1 : 0, attempts.Count(a => a.Nonce == n && a.Pending.Result));
            }
        }

        Assert.True(await ScriptCallsAsync() > scriptsBefore, "no reservation went to Redis in a batch");
    }

    [Fact]
    public async Task OutageWithBatchesInFlight_FailsEveryWaiterWithNonceStoreUnavailable_AndTheStoreRecovers()
    {
        await using var server = await RedisServer.LaunchAsync();
        await using var connection = await RedisConnections.ConnectAsync(server.Configuration);
        var metrics = new GatewayMetrics(Prometheus.Metrics.NewCustomRegistry());
        var store = new RedisNonceStore(connection, _prefix, new NonceStoreInstruments(metrics, "redis"), maxBatch: 10);
        var keyId = IdGenerator.NewKeyId();
        Assert.True(await store.TryReserveAsync(keyId, NewReplayKey(), Ttl, CancellationToken.None));

        // The server holds every command (its clients paused) while one lone SET and five full batches go out and
        // three more reservations queue behind them; then it dies.
        Assert.Equal("OK", (await RedisCliAsync(server, "CLIENT", "PAUSE", "20000", "ALL")).Trim());
        var pending = Enumerable.Range(0, 54)
            .Select(_ => store.TryReserveAsync(keyId, NewReplayKey(), Ttl, CancellationToken.None).AsTask())
            .ToArray();
        Assert.DoesNotContain(pending, p => p.IsCompleted);
        await server.StopAsync();

        foreach (var waiter in pending)
        {
            await Assert.ThrowsAsync<NonceStoreUnavailableException>(() => waiter.WaitAsync(TimeSpan.FromSeconds(15)));
        }

        Assert.Equal(54, metrics.StoreErrors.WithLabels("redis", "reserve_nonce").Value);
        Assert.Equal(55L, metrics.StoreDuration.WithLabels("redis", "reserve_nonce").Count);

        await server.StartAsync();
        var (nonce, deadline) = (NewReplayKey(), DateTime.UtcNow.AddSeconds(15));
        bool? reserved = null;
        while (reserved is null && DateTime.UtcNow < deadline)
        {
            try
            {
                reserved = await store.TryReserveAsync(keyId, nonce, Ttl, CancellationToken.None);
            }
            catch (NonceStoreUnavailableException)
            {
                await Task.Delay(100);
            }
        }

        Assert.True(reserved, "no reservation succeeded within 15 s of Redis coming back");
        var again = await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
            store.TryReserveAsync(keyId, i % 2 == 0 ? nonce : NewReplayKey(), Ttl, CancellationToken.None).AsTask()));
        Assert.Equal(15, again.Count(r => r));
        Assert.All(again.Where((_, i) => i % 2 == 0), Assert.False);
    }

    [Fact]
    public async Task OnARedisCluster_ConcurrentReservations_StayOneSetEach_AndReserveEachNonceOnce()
    {
        // A script's keys must share one slot; the nonces' keys do not, so on a cluster the store must not batch
        // (a batch would fail with CROSSSLOT, and every caller with 503).
        await using var cluster = await RedisCluster.LaunchAsync();
        await using var connection = await RedisConnections.ConnectAsync(cluster.Configuration);
        var store = new RedisNonceStore(connection, _prefix, maxBatch: 64);
        var keyId = IdGenerator.NewKeyId();
        var nonces = Enumerable.Range(0, 100).Select(_ => NewReplayKey()).ToArray();
        var first = await Task.WhenAll(nonces.Select(n => store.TryReserveAsync(keyId, n, Ttl, CancellationToken.None).AsTask()));
        Assert.All(first, Assert.True);

        var duplicates = await Task.WhenAll(nonces.Concat(nonces).Select(n => store.TryReserveAsync(keyId, n, Ttl, CancellationToken.None).AsTask()));
        Assert.All(duplicates, Assert.False);
    }

    /// <summary>How many scripts the shared server has run (<c>EVAL</c> and <c>EVALSHA</c> calls).</summary>
    private async Task<long> ScriptCallsAsync()
    {
        var info = await RedisCliAsync(redis.Server, "INFO", "commandstats");
        return info.Split('\n')
            .Where(line => line.StartsWith("cmdstat_eval:", StringComparison.Ordinal) || line.StartsWith("cmdstat_evalsha:", StringComparison.Ordinal))
            .Sum(line => long.Parse(line.Split("calls=")[1].Split(',')[0], CultureInfo.InvariantCulture));
    }

    /// <summary>What <c>redis-cli</c> printed for <paramref name="arguments"/> (the client's admin commands need no admin mode there).</summary>
    private static async Task<string> RedisCliAsync(RedisServer server, params string[] arguments)
    {
        var info = new System.Diagnostics.ProcessStartInfo(RedisServer.FindExecutable("redis-cli")) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-p", server.Port.ToString(CultureInfo.InvariantCulture) }.Concat(arguments))
        {
            info.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"redis-cli {string.Join(' ', arguments)}: {output}");
        return output;
    }
}
