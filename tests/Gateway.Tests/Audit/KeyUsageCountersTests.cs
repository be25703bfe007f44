using Gateway.Audit;

namespace Gateway.Tests.Audit;

public sealed class KeyUsageCountersTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Drain_HandsOverTheCountsOfThePreviousPeriod_ThenStartsFromZero()
    {
        var counters = new KeyUsageCounters();
        counters.Record("k1", denied: false, T0);
        counters.Record("k1", denied: true, T0.AddSeconds(2));
        counters.Record("k1", denied: false, T0.AddSeconds(1));
        counters.Record("k2", denied: false, T0);

        Assert.Empty(counters.Drain());
        var usage = counters.Drain().OrderBy(u => u.KeyId, StringComparer.Ordinal).ToArray();

        Assert.Equal([new KeyUsage("k1", 3, 1, T0.AddSeconds(2)), new KeyUsage("k2", 1, 0, T0)], usage);
        Assert.Empty(counters.Drain());
    }

    [Fact]
    public void FinalDrain_HandsOverEverything()
    {
        var counters = new KeyUsageCounters();
        counters.Record("k1", denied: false, T0);
        counters.Drain();
        counters.Record("k1", denied: false, T0.AddSeconds(1));

        var usage = counters.Drain(final: true);

        Assert.Equal(2, usage.Sum(u => u.Requests));
        Assert.Empty(counters.Drain(final: true));
    }

    [Fact]
    public async Task ConcurrentRecords_AreAllCounted()
    {
        var counters = new KeyUsageCounters();
        await Parallel.ForAsync(0, 100_000, (i, _) =>
        {
            counters.Record("k" + (i % 7), denied: i % 10 == 0, T0.AddTicks(i));
            return ValueTask.CompletedTask;
        });

        var usage = counters.Drain(final: true);

        Assert.Equal(100_000, usage.Sum(u => u.Requests));
        Assert.Equal(10_000, usage.Sum(u => u.Denied));
        Assert.Equal(T0.AddTicks(99_999), usage.Max(u => u.LastUsed));
    }
}
