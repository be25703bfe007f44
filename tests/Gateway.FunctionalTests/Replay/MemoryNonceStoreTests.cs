using Gateway.Replay;
using Gateway.Telemetry;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.FunctionalTests.Replay;

/// <summary>The in-process nonce store: the contract on a fake clock, plus its bound and its sweep.</summary>
public sealed class MemoryNonceStoreTests : NonceStoreContract
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly MemoryNonceStore _store;

    public MemoryNonceStoreTests() => _store = new MemoryNonceStore(_clock, capacity: 10_000);

    protected override INonceStore Store => _store;

    protected override TimeSpan ShortTtl => TimeSpan.FromMinutes(10);

    protected override void LetExpire(TimeSpan ttl) => _clock.Advance(ttl + TimeSpan.FromTicks(1));

    [Fact]
    public async Task Reservation_HoldsThroughItsExpiryInstant_AndIsReleasedJustAfter()
    {
        var ttl = TimeSpan.FromMinutes(10);
        Assert.True(await _store.TryReserveAsync("ak_a", "n", ttl, CancellationToken.None));

        _clock.Advance(ttl);
        Assert.False(await _store.TryReserveAsync("ak_a", "n", ttl, CancellationToken.None));

        _clock.Advance(TimeSpan.FromTicks(1));
        Assert.True(await _store.TryReserveAsync("ak_a", "n", ttl, CancellationToken.None));
    }

    [Fact]
    public async Task FullOfUnexpiredNonces_FailsClosed_WithNonceStoreUnavailable()
    {
        var metrics = new GatewayMetrics(Prometheus.Metrics.NewCustomRegistry());
        var store = new MemoryNonceStore(_clock, capacity: 3, new NonceStoreInstruments(metrics, "memory"));
        for (var i = 0; i < 3; i++)
        {
            Assert.True(await store.TryReserveAsync("ak_a", "n" + i, TimeSpan.FromMinutes(10), CancellationToken.None));
        }

        _clock.Advance(TimeSpan.FromMinutes(9));
        await Assert.ThrowsAsync<NonceStoreUnavailableException>(async () =>
            await store.TryReserveAsync("ak_a", "n3", TimeSpan.FromMinutes(10), CancellationToken.None));
        Assert.Equal(3, store.Count);

        // The store records its own metrics (no decorator): every reservation timed, the refused one counted.
        Assert.Equal(4L, metrics.StoreDuration.WithLabels("memory", "reserve_nonce").Count);
        Assert.Equal(1, metrics.StoreErrors.WithLabels("memory", "reserve_nonce").Value);
    }

    [Fact]
    public async Task ExpiredNonces_AreSwept_SoCapacityFreesUp()
    {
        var store = new MemoryNonceStore(_clock, capacity: 3);
        Assert.True(await store.TryReserveAsync("ak_a", "old-1", TimeSpan.FromMinutes(1), CancellationToken.None));
        Assert.True(await store.TryReserveAsync("ak_a", "old-2", TimeSpan.FromMinutes(1), CancellationToken.None));
        Assert.True(await store.TryReserveAsync("ak_a", "live", TimeSpan.FromMinutes(10), CancellationToken.None));

        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.True(await store.TryReserveAsync("ak_a", "new-1", TimeSpan.FromMinutes(10), CancellationToken.None));
        Assert.Equal(2, store.Count);

        // Swept entries are forgotten, live ones are not.
        Assert.False(await store.TryReserveAsync("ak_a", "live", TimeSpan.FromMinutes(10), CancellationToken.None));
        Assert.True(await store.TryReserveAsync("ak_a", "old-1", TimeSpan.FromMinutes(10), CancellationToken.None));
        await Assert.ThrowsAsync<NonceStoreUnavailableException>(async () =>
            await store.TryReserveAsync("ak_a", "new-3", TimeSpan.FromMinutes(10), CancellationToken.None));
    }

    [Fact]
    public async Task SteadyStream_AtCapacityOverWindow_NeverFails_AndHoldsOnlyTheLiveWindow()
    {
        // 100 reservations a second with a 10 s TTL: at most 11 s of them are live at any time (the sustained rate
        // is capacity ÷ window), so 1,100 entries carry the stream for as long as it runs.
        var ttl = TimeSpan.FromSeconds(10);
        var store = new MemoryNonceStore(_clock, capacity: 1_100);
        for (var second = 0; second < 120; second++)
        {
            for (var i = 0; i < 100; i++)
            {
                Assert.True(await store.TryReserveAsync("ak_a", $"n-{second}-{i}", ttl, CancellationToken.None));
            }

            Assert.InRange(store.Count, 100, 1_100);
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        // The last window is still refused as a replay.
        Assert.False(await store.TryReserveAsync("ak_a", "n-119-99", ttl, CancellationToken.None));
    }

    [Fact]
    public async Task ReleasedThenReservedAgain_KeepsItsNewExpiry_WhenTheOldOneIsDropped()
    {
        var store = new MemoryNonceStore(_clock, capacity: 1_000);
        Assert.True(await store.TryReserveAsync("ak_a", "n", TimeSpan.FromMinutes(1), CancellationToken.None));
        await store.ReleaseAsync("ak_a", "n", CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True(await store.TryReserveAsync("ak_a", "n", TimeSpan.FromMinutes(1), CancellationToken.None));

        // The first reservation's expiry passes (its queue entry is dropped); the second still holds.
        _clock.Advance(TimeSpan.FromSeconds(45));
        Assert.True(await store.TryReserveAsync("ak_a", "other", TimeSpan.FromMinutes(1), CancellationToken.None));
        Assert.False(await store.TryReserveAsync("ak_a", "n", TimeSpan.FromMinutes(1), CancellationToken.None));
    }

    [Fact]
    public async Task SameReplayKey_UnderAnotherKeyId_IsADifferentNonce()
    {
        Assert.True(await _store.TryReserveAsync("ak_a", "shared", TimeSpan.FromMinutes(1), CancellationToken.None));
        Assert.True(await _store.TryReserveAsync("ak_b", "shared", TimeSpan.FromMinutes(1), CancellationToken.None));
        Assert.False(await _store.TryReserveAsync("ak_b", "shared", TimeSpan.FromMinutes(1), CancellationToken.None));
    }
}
