using Gateway.Audit;
using Gateway.Audit.Sqlite;
using Gateway.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using static Gateway.Tests.Audit.AuditWriterTesting;

namespace Gateway.Tests.Audit;

/// <summary>
/// Request events are written by the writer's own thread, never by a thread-pool worker (a flush blocks in SQLite
/// calls and WAL syncs), and a stop drains what is queued; over the real SQLite store.
/// </summary>
public sealed class AuditWriterThreadTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public async Task RequestFlushes_RunOnTheWritersOwnThread()
    {
        var (store, writer, time) = await CreateAsync(batchSize: 3);
        await writer.StartAsync(CancellationToken.None);
        try
        {
            Enqueue(writer, time, 3); // a full batch
            await WaitUntilAsync(() => store.Flushes.Count >= 1);
            Enqueue(writer, time, 1);
            time.Advance(TimeSpan.FromMilliseconds(200)); // a linger
            await WaitUntilAsync(() => store.Flushes.Count >= 2);
        }
        finally
        {
            await writer.StopAsync(CancellationToken.None);
        }

        Assert.All(store.Flushes, flush =>
        {
            Assert.False(flush.ThreadPool);
            Assert.Equal("Audit writer", flush.Name);
        });
        Assert.Equal(4, await CountAsync(store));
    }

    [Fact]
    public async Task Stop_WritesTheEventsStillQueued()
    {
        var (store, writer, time) = await CreateAsync(batchSize: 100);
        await writer.StartAsync(CancellationToken.None);
        Enqueue(writer, time, 5); // neither a full batch nor a linger (the fake clock stands still)
        Assert.Equal(5, writer.QueueDepth);

        await writer.StopAsync(CancellationToken.None);

        Assert.Equal(0, writer.QueueDepth);
        Assert.Equal(5, await CountAsync(store));
        Assert.All(store.Flushes, flush => Assert.False(flush.ThreadPool));
    }

    [Fact]
    public async Task Stop_DuringAWrite_KeepsThatBatch()
    {
        var (store, writer, time) = await CreateAsync(batchSize: 3);
        store.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await writer.StartAsync(CancellationToken.None);
        Enqueue(writer, time, 3); // a full batch, which the store holds at its door
        await store.Entered.Task.WaitAsync(TimeSpan.FromSeconds(20));

        var stop = writer.StopAsync(CancellationToken.None); // the stop is requested while the batch is being written
        store.Gate.SetResult();
        await stop;

        Assert.Equal(3, await CountAsync(store)); // a write cancelled by the stop rolled back, and the batch was gone
        Assert.Equal(0, writer.QueueDepth);
    }

    private async Task<(RecordingStore Store, AuditWriter Writer, FakeTimeProvider Time)> CreateAsync(int batchSize)
    {
        var path = _dir.Combine("data", "gateway.db");
        var store = new RecordingStore(new SqliteAuditStore(path));
        var time = new FakeTimeProvider(Samples.T0);
        return (store, await CreateWriterAsync(path, store, time, batchSize, TimeSpan.FromMilliseconds(200)), time);
    }

    private static void Enqueue(AuditWriter writer, TimeProvider time, int count) => AuditWriterTesting.Enqueue(writer, time, count, "sa_thread", "ak_thread");

    private static Task WaitUntilAsync(Func<bool> condition) => AuditWriterTesting.WaitUntilAsync(() => Task.FromResult(condition()));

    /// <summary>The real SQLite store, noting which thread each request flush ran on.</summary>
    private sealed class RecordingStore(SqliteAuditStore inner) : IAuditStore
    {
        public List<(bool ThreadPool, string? Name)> Flushes { get; } = [];

        /// <summary>When set, each request write waits for it (after <see cref="Entered"/>), then goes on with the token it was given.</summary>
        public TaskCompletionSource? Gate { get; set; }

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task AppendAsync(IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken) =>
            inner.AppendAsync(events, cancellationToken);

        public Task<bool> AppendRequestsAsync(IReadOnlyList<AuditEvent> events, IReadOnlyList<KeyUsage> usage, CancellationToken cancellationToken)
        {
            lock (Flushes)
            {
                Flushes.Add((Thread.CurrentThread.IsThreadPoolThread, Thread.CurrentThread.Name));
            }

            return Gate is { } gate ? AfterGateAsync(gate) : inner.AppendRequestsAsync(events, usage, cancellationToken);

            async Task<bool> AfterGateAsync(TaskCompletionSource gate)
            {
                Entered.TrySetResult();
                await gate.Task;
                return await inner.AppendRequestsAsync(events, usage, cancellationToken);
            }
        }

        public Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken) => inner.QueryAsync(query, cancellationToken);

        public Task<int> PurgeAsync(DateTimeOffset before, int maxRows, CancellationToken cancellationToken) => inner.PurgeAsync(before, maxRows, cancellationToken);
    }
}
