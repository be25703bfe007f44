using Gateway.Accounts;
using Gateway.Replay;

namespace Gateway.FunctionalTests.Replay;

/// <summary>
/// What every <see cref="INonceStore"/> must do, run against each implementation: a (key id, replay key) is
/// reserved once until its TTL passes, independently of other key ids and replay keys, and atomically under
/// concurrency.
/// </summary>
public abstract class NonceStoreContract
{
    private static readonly TimeSpan LongTtl = TimeSpan.FromMinutes(10);

    protected abstract INonceStore Store { get; }

    /// <summary>The TTL of the expiry test: short enough to wait for when the store runs on real time.</summary>
    protected abstract TimeSpan ShortTtl { get; }

    /// <summary>Moves the store's clock past <paramref name="ttl"/> (a fake clock), or does nothing (real time; the test polls).</summary>
    protected abstract void LetExpire(TimeSpan ttl);

    protected static string NewKeyId() => IdGenerator.NewKeyId();

    protected static string NewReplayKey() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task FirstReservation_IsTrue_TheSecondFalse()
    {
        var (keyId, replayKey) = (NewKeyId(), NewReplayKey());
        Assert.True(await Store.TryReserveAsync(keyId, replayKey, LongTtl, CancellationToken.None));
        Assert.False(await Store.TryReserveAsync(keyId, replayKey, LongTtl, CancellationToken.None));
        Assert.False(await Store.TryReserveAsync(keyId, replayKey, LongTtl, CancellationToken.None));
    }

    [Fact]
    public async Task Release_MakesTheReplayKeyReservableOnceMore_AndTouchesNothingElse()
    {
        var (keyId, replayKey, other) = (NewKeyId(), NewReplayKey(), NewReplayKey());
        Assert.True(await Store.TryReserveAsync(keyId, replayKey, LongTtl, CancellationToken.None));
        Assert.True(await Store.TryReserveAsync(keyId, other, LongTtl, CancellationToken.None));
        await Store.ReleaseAsync(keyId, replayKey, CancellationToken.None);
        await Store.ReleaseAsync(keyId, NewReplayKey(), CancellationToken.None);
        Assert.True(await Store.TryReserveAsync(keyId, replayKey, LongTtl, CancellationToken.None));
        Assert.False(await Store.TryReserveAsync(keyId, replayKey, LongTtl, CancellationToken.None));
        Assert.False(await Store.TryReserveAsync(keyId, other, LongTtl, CancellationToken.None));
    }

    [Fact]
    public async Task SameReplayKey_UnderAnotherKeyId_IsIndependent()
    {
        var replayKey = NewReplayKey();
        var (first, second) = (NewKeyId(), NewKeyId());
        Assert.True(await Store.TryReserveAsync(first, replayKey, LongTtl, CancellationToken.None));
        Assert.True(await Store.TryReserveAsync(second, replayKey, LongTtl, CancellationToken.None));
        Assert.False(await Store.TryReserveAsync(second, replayKey, LongTtl, CancellationToken.None));
    }

    [Fact]
    public async Task AnotherReplayKey_UnderTheSameKeyId_IsIndependent()
    {
        var keyId = NewKeyId();
        Assert.True(await Store.TryReserveAsync(keyId, NewReplayKey(), LongTtl, CancellationToken.None));
        Assert.True(await Store.TryReserveAsync(keyId, NewReplayKey(), LongTtl, CancellationToken.None));
    }

    [Fact]
    public async Task ReplayKeysDifferingOnlyInCase_AreDistinct()
    {
        var keyId = NewKeyId();
        Assert.True(await Store.TryReserveAsync(keyId, "Nonce-AbC", LongTtl, CancellationToken.None));
        Assert.True(await Store.TryReserveAsync(keyId, "nonce-abc", LongTtl, CancellationToken.None));
        Assert.False(await Store.TryReserveAsync(keyId, "Nonce-AbC", LongTtl, CancellationToken.None));
    }

    [Fact]
    public async Task LongAndNonAsciiReplayKeys_AreReservedExactly()
    {
        var keyId = NewKeyId();
        var longKey = new string('n', 16 * 1024);
        Assert.True(await Store.TryReserveAsync(keyId, longKey, LongTtl, CancellationToken.None));
        Assert.True(await Store.TryReserveAsync(keyId, longKey + "x", LongTtl, CancellationToken.None));
        Assert.False(await Store.TryReserveAsync(keyId, longKey, LongTtl, CancellationToken.None));
        Assert.True(await Store.TryReserveAsync(keyId, "nönce ✓", LongTtl, CancellationToken.None));
        Assert.False(await Store.TryReserveAsync(keyId, "nönce ✓", LongTtl, CancellationToken.None));
    }

    [Fact]
    public async Task Reservation_IsReleasedOnceItsTtlHasPassed()
    {
        var (keyId, replayKey) = (NewKeyId(), NewReplayKey());
        Assert.True(await Store.TryReserveAsync(keyId, replayKey, ShortTtl, CancellationToken.None));
        Assert.False(await Store.TryReserveAsync(keyId, replayKey, ShortTtl, CancellationToken.None));

        LetExpire(ShortTtl);
        var deadline = DateTime.UtcNow + ShortTtl + TimeSpan.FromSeconds(5);
        bool reservedAgain;
        while (!(reservedAgain = await Store.TryReserveAsync(keyId, replayKey, ShortTtl, CancellationToken.None)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.True(reservedAgain, $"still reserved {ShortTtl + TimeSpan.FromSeconds(5)} after a reservation of {ShortTtl}");
        Assert.False(await Store.TryReserveAsync(keyId, replayKey, ShortTtl, CancellationToken.None));
    }

    [Fact]
    public async Task FiftyParallelReservationsOfOneNonce_ExactlyOneWins()
    {
        var (keyId, replayKey) = (NewKeyId(), NewReplayKey());
        using var start = new ManualResetEventSlim();
        var attempts = Enumerable.Range(0, 50)
            .Select(_ => Task.Run(async () =>
            {
                start.Wait();
                return await Store.TryReserveAsync(keyId, replayKey, LongTtl, CancellationToken.None);
            }))
            .ToArray();
        start.Set();
        var results = await Task.WhenAll(attempts);
        Assert.Single(results, won => won);
    }

    [Fact]
    public async Task FiftyParallelReservationsOfDistinctNonces_AllWin()
    {
        var keyId = NewKeyId();
        var results = await Task.WhenAll(Enumerable.Range(0, 50)
            .Select(i => Task.Run(async () => await Store.TryReserveAsync(keyId, "nonce-" + i, LongTtl, CancellationToken.None))));
        Assert.All(results, Assert.True);
    }

    [Fact]
    public async Task ReplayKeyAsCharactersOfALargerText_IsTheSameReservationAsItsString()
    {
        // A signed request's replay key is a slice of its credential header (no string per request): it must name the
        // very reservation its string does, in either order, and nothing of the text around it.
        var (keyId, replayKey) = (NewKeyId(), NewReplayKey());
        var header = "sig1=(\"@method\");nonce=\"" + replayKey + "\";keyid=\"" + keyId + "\"";
        var slice = header.AsMemory(header.IndexOf(replayKey, StringComparison.Ordinal), replayKey.Length);
        Assert.True(await Store.TryReserveAsync(keyId, slice, LongTtl, CancellationToken.None));
        Assert.False(await Store.TryReserveAsync(keyId, replayKey, LongTtl, CancellationToken.None));
        Assert.False(await Store.TryReserveAsync(keyId, slice, LongTtl, CancellationToken.None));
        Assert.True(await Store.TryReserveAsync(keyId, header.AsMemory(0, slice.Length), LongTtl, CancellationToken.None));

        var other = NewReplayKey();
        Assert.True(await Store.TryReserveAsync(keyId, other, LongTtl, CancellationToken.None));
        Assert.False(await Store.TryReserveAsync(keyId, ("x" + other + "x").AsMemory(1, other.Length), LongTtl, CancellationToken.None));
    }

    [Fact]
    public async Task ParallelReservationsOfSlices_OneWinnerPerDistinctReplayKey()
    {
        // 20 distinct replay keys, each reserved 5 times at once through slices of one shared text.
        var keyId = NewKeyId();
        var keys = Enumerable.Range(0, 20).Select(_ => NewReplayKey()).ToArray();
        var text = string.Concat(keys);
        using var start = new ManualResetEventSlim();
        var attempts = Enumerable.Range(0, keys.Length * 5)
            .Select(i => (Index: i % keys.Length, Pending: Task.Run(async () =>
            {
                start.Wait();
                var index = i % keys.Length;
                return await Store.TryReserveAsync(keyId, text.AsMemory(index * keys[0].Length, keys[0].Length), LongTtl, CancellationToken.None);
            })))
            .ToArray();
        start.Set();
        await Task.WhenAll(attempts.Select(a => a.Pending));

        for (var k = 0; k < keys.Length; k++)
        {
            Assert.Single(attempts, a => a.Index == k && a.Pending.Result);
            Assert.False(await Store.TryReserveAsync(keyId, keys[k], LongTtl, CancellationToken.None));
        }
    }

    [Fact]
    public async Task Ping_Answers()
    {
        await Store.PingAsync(CancellationToken.None);
        Assert.True(await Store.TryReserveAsync(NewKeyId(), NewReplayKey(), LongTtl, CancellationToken.None));
    }
}
