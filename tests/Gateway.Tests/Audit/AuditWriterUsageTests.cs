using Gateway.Audit;
using Gateway.Audit.Sqlite;
using Gateway.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using static Gateway.Tests.Audit.AuditWriterTesting;

namespace Gateway.Tests.Audit;

/// <summary>
/// The keys' usage (per-minute rows, <c>lastUsedAt</c>) is written with the first flush once
/// <c>Gateway:Audit:UsageInterval</c> has passed since its last write — not with every full batch or every linger —
/// over the real SQLite store.
/// </summary>
public sealed class AuditWriterUsageTests : IDisposable
{
    private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(200);
    private readonly TempDirectory _dir = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public async Task FullBatches_WithinOneLinger_LeaveUsageToTheLingerFlush()
    {
        var (store, time, writer) = await StartWriterAsync(batchSize: 2);
        try
        {
            // Full batch 1 writes usage (none counted yet); the use is counted after it.
            Enqueue(writer, time, 2);
            await WaitUntilAsync(async () => writer.QueueDepth == 0 && await CountAsync(store) == 2);
            writer.RecordUsage("ak_used", denied: false, time.GetUtcNow());

            // Full batch 2 comes within the linger: its events are written, the use is not.
            Enqueue(writer, time, 2);
            await WaitUntilAsync(async () => writer.QueueDepth == 0 && await CountAsync(store) == 4);
            Assert.Empty(await store.GetKeyUsageAsync("ak_used", Samples.T0.AddMinutes(-1), CancellationToken.None));

            // The linger's flush writes it.
            time.Advance(Linger);
            await WaitUntilAsync(async () => (await store.GetKeyUsageAsync("ak_used", Samples.T0.AddMinutes(-1), CancellationToken.None)).Count == 1);
            var row = Assert.Single(await store.GetKeyUsageAsync("ak_used", Samples.T0.AddMinutes(-1), CancellationToken.None));
            Assert.Equal(1, row.Requests);
        }
        finally
        {
            await writer.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task LingerFlushes_WriteUsageOnlyOncePerUsageInterval()
    {
        var (store, time, writer) = await StartWriterAsync(batchSize: 100, usageInterval: TimeSpan.FromSeconds(1));
        try
        {
            // The first linger's flush writes usage (none counted yet); the use is counted after it.
            await LingerFlushAsync(writer, store, time, expectedEvents: 1);
            writer.RecordUsage("ak_used", denied: false, time.GetUtcNow());

            // Four more lingers, each flushing an event, within the interval: the use is not written.
            for (var i = 2; i <= 5; i++)
            {
                await LingerFlushAsync(writer, store, time, expectedEvents: i);
            }

            Assert.Empty(await store.GetKeyUsageAsync("ak_used", Samples.T0.AddMinutes(-1), CancellationToken.None));

            // The first flush once the interval has passed since the usage write writes it.
            time.Advance(Linger);
            await WaitUntilAsync(async () => (await store.GetKeyUsageAsync("ak_used", Samples.T0.AddMinutes(-1), CancellationToken.None)).Count == 1);
            Assert.Equal(1, Assert.Single(await store.GetKeyUsageAsync("ak_used", Samples.T0.AddMinutes(-1), CancellationToken.None)).Requests);
        }
        finally
        {
            await writer.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task AUseCountedBeforeAUsageWrite_IsInThatWrite_AndAUseCountedBeforeStop_IsWrittenByTheStop()
    {
        var (store, time, writer) = await StartWriterAsync(batchSize: 2);

        // Counted before the first flush, which writes usage: in it, not one interval later.
        writer.RecordUsage("ak_used", denied: true, time.GetUtcNow());
        Enqueue(writer, time, 2);
        await WaitUntilAsync(async () => (await store.GetKeyUsageAsync("ak_used", Samples.T0.AddMinutes(-1), CancellationToken.None)).Count == 1);
        Assert.Equal((1, 1), Usage(Assert.Single(await store.GetKeyUsageAsync("ak_used", Samples.T0.AddMinutes(-1), CancellationToken.None))));

        // Counted within the interval, so no flush is due to write it: the stop's final flush does.
        writer.RecordUsage("ak_used", denied: false, time.GetUtcNow());
        writer.RecordUsage("ak_used", denied: false, time.GetUtcNow());
        await writer.StopAsync(CancellationToken.None);

        Assert.Equal((3, 1), Usage(Assert.Single(await store.GetKeyUsageAsync("ak_used", Samples.T0.AddMinutes(-1), CancellationToken.None))));
    }

    [Fact]
    public async Task TheWriter_FoldsAMinutesLastUse_OnlyOnceTheMinuteEndedTheFoldDelayAgo()
    {
        var (store, time, writer) = await StartWriterAsync(batchSize: 100);
        var path = _dir.Combine("data", "gateway.db");
        const string LastUse = "SELECT ifnull(max(at), 0) FROM key_last_used WHERE key_id = 'ak_used';";
        try
        {
            var used = time.GetUtcNow();
            writer.RecordUsage("ak_used", denied: false, used);
            time.Advance(Linger);
            await WaitUntilAsync(async () => (await store.GetKeyUsageAsync("ak_used", Samples.T0.AddMinutes(-1), CancellationToken.None)).Count == 1);

            // A minute later the writer's next fold round is due, but the minute of the use ended less than the delay ago.
            for (var i = 0; i < 6; i++)
            {
                await LingerFlushAsync(writer, store, time, expectedEvents: i + 1);
                time.Advance(TimeSpan.FromSeconds(15));
            }

            Assert.Equal(0, await AuditTableMigrationTests.ScalarAsync(path, LastUse));

            // Past it: the wake-ups fold it, the use as it was.
            time.Advance(AuditWriter.FoldDelay);
            await WaitUntilAsync(async () =>
            {
                time.Advance(Linger);
                return await AuditTableMigrationTests.ScalarAsync(path, LastUse) != 0;
            });
            Assert.Equal(used.ToUnixTimeMilliseconds(), await AuditTableMigrationTests.ScalarAsync(path, LastUse));
        }
        finally
        {
            await writer.StopAsync(CancellationToken.None);
        }
    }

    private static (long Requests, long Denied) Usage((DateTimeOffset Minute, long Requests, long Denied) row) => (row.Requests, row.Denied);

    // A started writer over a real SQLite store in the test's directory, on a fake clock at Samples.T0.
    private async Task<(SqliteAuditStore Store, FakeTimeProvider Time, AuditWriter Writer)> StartWriterAsync(int batchSize, TimeSpan? usageInterval = null)
    {
        var path = _dir.Combine("data", "gateway.db");
        var store = new SqliteAuditStore(path);
        var time = new FakeTimeProvider(Samples.T0);
        var writer = await CreateWriterAsync(path, store, time, batchSize, Linger, usageInterval);
        await writer.StartAsync(CancellationToken.None);
        return (store, time, writer);
    }

    // One event, then one linger: the flush the linger starts has written it once the store holds that many.
    private static async Task LingerFlushAsync(AuditWriter writer, SqliteAuditStore store, FakeTimeProvider time, int expectedEvents)
    {
        Enqueue(writer, time, 1);
        time.Advance(Linger);
        await WaitUntilAsync(async () => writer.QueueDepth == 0 && await CountAsync(store) == expectedEvents);
    }

    private static void Enqueue(AuditWriter writer, TimeProvider time, int count) => AuditWriterTesting.Enqueue(writer, time, count, "sa_used", "ak_used");
}
