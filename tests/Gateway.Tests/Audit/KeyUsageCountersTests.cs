using Gateway.Audit;

namespace Gateway.Tests.Audit;

public sealed class KeyUsageCountersTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Drain_HandsOverEverythingCountedSoFar_PerKey_ThenStartsFromZero()
    {
        var counters = new KeyUsageCounters();
        counters.Record("k1", denied: false, T0);
        counters.Record("k1", denied: true, T0.AddSeconds(2));
        counters.Record("k1", denied: false, T0.AddSeconds(1));
        counters.Record("k2", denied: false, T0);

        var usage = counters.Drain().OrderBy(u => u.KeyId, StringComparer.Ordinal).ToArray();

        Assert.Equal([new KeyUsage("k1", 3, 1, T0.AddSeconds(2)), new KeyUsage("k2", 1, 0, T0)], usage);
        Assert.Empty(counters.Drain());
    }

    [Fact]
    public void KeyUsedEveryPeriod_IsHandedOverOncePerPeriod_WithThatPeriodsCounts()
    {
        var counters = new KeyUsageCounters();
        for (var period = 1; period <= 5; period++)
        {
            for (var i = 0; i < period; i++)
            {
                counters.Record("k", denied: i == 0, T0.AddSeconds(period));
            }

            Assert.Equal([new KeyUsage("k", period, 1, T0.AddSeconds(period))], counters.Drain());
        }

        Assert.Empty(counters.Drain());
    }

    [Fact]
    public void EqualKeyIds_AreOneKey_WhateverTheStringInstance()
    {
        var counters = new KeyUsageCounters();
        counters.Record(new string("key-1".AsSpan()), denied: false, T0);
        counters.Record(new string("key-1".AsSpan()), denied: true, T0.AddSeconds(1));

        Assert.Equal([new KeyUsage("key-1", 2, 1, T0.AddSeconds(1))], counters.Drain());
    }

    [Fact]
    public void AWideStream_OneRequestPerKey_HandsOverEveryKeyOnce_AndAgainAfterTheBuffersWereReused()
    {
        var counters = new KeyUsageCounters();
        for (var round = 0; round < 3; round++)
        {
            // Round 1 shrinks nothing (the buffers are at their peak), round 2 counts far fewer keys than the buffers hold.
            var keys = round == 2 ? 100 : 20_000;
            for (var i = 0; i < keys; i++)
            {
                counters.Record("key-" + i, denied: i % 3 == 0, T0.AddMilliseconds(i));
            }

            var usage = counters.Drain();

            Assert.Equal(keys, usage.Count);
            Assert.Equal(keys, usage.Select(u => u.KeyId).Distinct(StringComparer.Ordinal).Count());
            Assert.All(usage, u => Assert.Equal(1, u.Requests));
            Assert.Equal((keys + 2) / 3, usage.Sum(u => u.Denied));
            Assert.Equal(T0.AddMilliseconds(keys - 1), usage.Max(u => u.LastUsed));
        }
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

        var usage = counters.Drain();

        Assert.Equal(100_000, usage.Sum(u => u.Requests));
        Assert.Equal(10_000, usage.Sum(u => u.Denied));
        Assert.Equal(T0.AddTicks(99_999), usage.Max(u => u.LastUsed));
    }

    [Fact]
    public async Task RecordsConcurrentWithDrains_AreEachHandedOverExactlyOnce()
    {
        var counters = new KeyUsageCounters();
        var drained = new List<KeyUsage>();
        using var recording = new CancellationTokenSource();
        var drainer = Task.Run(() =>
        {
            while (!recording.IsCancellationRequested)
            {
                drained.AddRange(counters.Drain());
            }
        });

        const int Threads = 4, PerThread = 50_000;
        await Task.WhenAll(Enumerable.Range(0, Threads).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < PerThread; i++)
            {
                counters.Record("k" + ((t * PerThread) + i) % 1_000, denied: i % 4 == 0, T0.AddTicks((t * PerThread) + i));
            }
        })));
        await recording.CancelAsync();
        await drainer;
        drained.AddRange(counters.Drain());

        Assert.Equal(Threads * PerThread, drained.Sum(u => u.Requests));
        Assert.Equal(Threads * PerThread / 4, drained.Sum(u => u.Denied));
        Assert.All(drained.GroupBy(u => u.KeyId), g => Assert.Equal(Threads * PerThread / 1_000, g.Sum(u => u.Requests)));
        Assert.Equal(T0.AddTicks((Threads * PerThread) - 1), drained.Max(u => u.LastUsed));
    }
}
