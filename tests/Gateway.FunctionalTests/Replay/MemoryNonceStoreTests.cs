using Gateway.Replay;
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
        var store = new MemoryNonceStore(_clock, capacity: 3);
        for (var i = 0; i < 3; i++)
        {
            Assert.True(await store.TryReserveAsync("ak_a", "n" + i, TimeSpan.FromMinutes(10), CancellationToken.None));
        }

        _clock.Advance(TimeSpan.FromMinutes(9));
        await Assert.ThrowsAsync<NonceStoreUnavailableException>(async () =>
            await store.TryReserveAsync("ak_a", "n3", TimeSpan.FromMinutes(10), CancellationToken.None));
        Assert.Equal(3, store.Count);
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
}
