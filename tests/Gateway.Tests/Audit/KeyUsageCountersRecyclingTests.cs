using Gateway.Audit;

namespace Gateway.Tests.Audit;

/// <summary>A drained map is reused with its counts zeroed: each period's counts are handed over exactly once.</summary>
public sealed class KeyUsageCountersRecyclingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void KeyUsedEveryPeriod_IsHandedOverOncePerPeriod_ThenDroppedWhenIdle()
    {
        var counters = new KeyUsageCounters();
        for (var period = 1; period <= 5; period++)
        {
            for (var i = 0; i < period; i++)
            {
                counters.Record("k", denied: i == 0, T0.AddSeconds(period));
            }

            var usage = counters.Drain();

            Assert.Equal(period == 1 ? [] : [new KeyUsage("k", period - 1, 1, T0.AddSeconds(period - 1))], usage);
        }

        Assert.Equal([new KeyUsage("k", 5, 1, T0.AddSeconds(5))], counters.Drain());
        Assert.Empty(counters.Drain());
        Assert.Empty(counters.Drain(final: true));
    }

    [Fact]
    public void KeysAlternatingBetweenPeriods_AreNeverMixedUp()
    {
        var counters = new KeyUsageCounters();
        var seen = new List<KeyUsage>();
        for (var period = 0; period < 6; period++)
        {
            counters.Record(period % 2 == 0 ? "even" : "odd", denied: false, T0.AddSeconds(period));
            counters.Record("both", denied: period == 3, T0.AddSeconds(period));
            seen.AddRange(counters.Drain());
        }

        seen.AddRange(counters.Drain(final: true));

        Assert.Equal(3, seen.Where(u => u.KeyId == "even").Sum(u => u.Requests));
        Assert.Equal(3, seen.Where(u => u.KeyId == "odd").Sum(u => u.Requests));
        Assert.Equal(6, seen.Where(u => u.KeyId == "both").Sum(u => u.Requests));
        Assert.Equal(1, seen.Where(u => u.KeyId == "both").Sum(u => u.Denied));
        Assert.All(seen, u => Assert.True(u.Requests > 0));
        Assert.Equal(T0.AddSeconds(5), seen.Where(u => u.KeyId == "both").Max(u => u.LastUsed));
    }
}
