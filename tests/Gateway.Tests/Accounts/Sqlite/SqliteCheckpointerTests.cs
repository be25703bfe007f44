using Gateway.Accounts.Sqlite;
using Gateway.Audit;
using Gateway.Audit.Sqlite;
using Gateway.Telemetry;
using Gateway.Tests.Audit;
using Gateway.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.Accounts.Sqlite;

/// <summary>
/// The embedded store's write-ahead log is checkpointed by the checkpointer alone: the stores' own commits leave the log
/// to grow past SQLite's 1,000-page threshold (where SQLite would have checkpointed in the committing thread), the
/// checkpointer's thread copies it every interval, and a log the passive checkpoints cannot copy is bounded.
/// </summary>
public sealed class SqliteCheckpointerTests : IDisposable
{
    private const int PageSize = 4096;
    private readonly TempDirectory _dir = new();
    private readonly string _path;
    private long _next;

    public SqliteCheckpointerTests() => _path = _dir.Combine("data", "gateway.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public async Task StoreCommits_DoNotCheckpoint_TheCheckpointerCopiesTheLog_AndTheNextCommitStartsItAgain()
    {
        await new SqliteAccountStore(_path).InitializeAsync(CancellationToken.None);
        var store = new SqliteAuditStore(_path);
        // Opened before the first write and held to the end: the last connection to close checkpoints the log and
        // deletes it, and another test class's SqliteConnection.ClearAllPools() closes this store's idle pooled ones
        // (a fresh-clone CI run failed here with "log frames 0").
        using var connection = Open();

        // ≈ 0.5 MB per batch: SQLite's default would have checkpointed and started the log again at ≈ 4 MB.
        for (var i = 0; i < 40 && new FileInfo(_path + "-wal").Length <= 3_000 * PageSize; i++)
        {
            Assert.True(await store.AppendRequestsAsync(Batch(500), [], CancellationToken.None));
        }

        Assert.True(new FileInfo(_path + "-wal").Length > 3_000 * PageSize, "the stores' commits checkpointed the log themselves");
        SqliteConnection.ClearAllPools(); // as another test class may do at any moment
        var checkpointer = Create();

        var (log, done, restarted) = checkpointer.CheckpointOnce(connection);

        Assert.False(restarted);
        Assert.True(log > 3_000, $"log frames {log}");
        Assert.Equal(log, done);
        Assert.True(await store.AppendRequestsAsync(Batch(10), [], CancellationToken.None));
        var (after, _, _) = checkpointer.CheckpointOnce(connection);
        Assert.InRange(after, 1, 100); // the commit after a complete checkpoint wrote the log from its start again
        var page = await store.QueryAsync(new AuditQuery { Limit = 5 }, CancellationToken.None);
        Assert.Equal(5, page.Items.Count);
    }

    [Fact]
    public async Task TheThread_CheckpointsOncePerInterval_AndStops()
    {
        await new SqliteAccountStore(_path).InitializeAsync(CancellationToken.None);
        var time = new FakeTimeProvider(Samples.T0);
        var metrics = new GatewayMetrics(Prometheus.Metrics.NewCustomRegistry());
        using var checkpointer = new SqliteCheckpointer(_path, TimeSpan.FromSeconds(1), time, NullLogger<SqliteCheckpointer>.Instance, metrics: metrics);
        await checkpointer.StartAsync(CancellationToken.None);
        Assert.Equal(0, checkpointer.Checkpoints);

        time.Advance(TimeSpan.FromSeconds(1));
        await WaitForAsync(() => checkpointer.Checkpoints == 1);
        time.Advance(TimeSpan.FromMilliseconds(999));
        await Task.Delay(200);
        Assert.Equal(1, checkpointer.Checkpoints);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await WaitForAsync(() => checkpointer.Checkpoints == 2);

        await checkpointer.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        time.Advance(TimeSpan.FromSeconds(5));
        await Task.Delay(200);
        Assert.Equal(2, checkpointer.Checkpoints);
        Assert.Equal(2, metrics.StoreDuration.WithLabels("sqlite", SqliteCheckpointer.MetricOperation).Count);
        Assert.Equal(0, metrics.StoreErrors.WithLabels("sqlite", SqliteCheckpointer.MetricOperation).Value);
    }

    [Fact]
    public async Task AFailedCheckpoint_CountsAsAStoreError_AndTheNextIntervalTriesAgain()
    {
        var missing = _dir.Combine("not-yet", "gateway.db");
        var time = new FakeTimeProvider(Samples.T0);
        var metrics = new GatewayMetrics(Prometheus.Metrics.NewCustomRegistry());
        var errors = metrics.StoreErrors.WithLabels("sqlite", SqliteCheckpointer.MetricOperation);
        using var checkpointer = new SqliteCheckpointer(missing, TimeSpan.FromSeconds(1), time, NullLogger<SqliteCheckpointer>.Instance, metrics: metrics);
        await checkpointer.StartAsync(CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(1));
        await WaitForAsync(() => errors.Value == 1); // the file cannot be opened (its directory does not exist)
        Assert.Equal(0, checkpointer.Checkpoints);

        await new SqliteAccountStore(missing).InitializeAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(1));
        await WaitForAsync(() => checkpointer.Checkpoints == 1);
        Assert.Equal(1, errors.Value);
        Assert.Equal(1, metrics.StoreDuration.WithLabels("sqlite", SqliteCheckpointer.MetricOperation).Count);
        await checkpointer.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task ALogPastTheBound_ThatPassiveCheckpointsCannotCopy_GetsARestartCheckpoint()
    {
        await new SqliteAccountStore(_path).InitializeAsync(CancellationToken.None);
        var store = new SqliteAuditStore(_path);
        using var connection = Open(); // held from before the first write (see the first test)
        Assert.True(await store.AppendRequestsAsync(Batch(10), [], CancellationToken.None));
        var checkpointer = Create(maxLogFrames: 50);

        // A reader's snapshot keeps what was committed after it out of any checkpoint until it ends.
        using (var reader = Open())
        using (var transaction = reader.BeginTransaction(deferred: true))
        {
            using (var read = reader.CreateCommand())
            {
                read.Transaction = transaction;
                read.CommandText = "SELECT count(*) FROM audit_events;";
                Assert.Equal(10L, read.ExecuteScalar());
            }

            Assert.True(await store.AppendRequestsAsync(Batch(500), [], CancellationToken.None));
            var (log, done, restarted) = checkpointer.CheckpointOnce(connection);

            Assert.True(restarted);
            Assert.True(log > 50, $"log frames {log}");
            Assert.True(done < log, "the reader's snapshot let the checkpoint copy everything");
        }

        var (logAfter, doneAfter, restartedAfter) = checkpointer.CheckpointOnce(connection);
        Assert.False(restartedAfter);
        Assert.Equal(logAfter, doneAfter);

        // Within the bound, a log the passive checkpoint cannot finish is left for the next interval.
        var lenient = Create(maxLogFrames: 1_000_000);
        using (var reader = Open())
        using (var transaction = reader.BeginTransaction(deferred: true))
        {
            using (var read = reader.CreateCommand())
            {
                read.Transaction = transaction;
                read.CommandText = "SELECT count(*) FROM audit_events;";
                read.ExecuteScalar();
            }

            Assert.True(await store.AppendRequestsAsync(Batch(500), [], CancellationToken.None));
            var (log, done, restarted) = lenient.CheckpointOnce(connection);
            Assert.False(restarted);
            Assert.True(done < log);
        }
    }

    private SqliteCheckpointer Create(int maxLogFrames = SqliteCheckpointer.MaxLogFrames) =>
        new(_path, TimeSpan.FromSeconds(1), TimeProvider.System, NullLogger<SqliteCheckpointer>.Instance, maxLogFrames);

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _path, Pooling = false }.ToString());
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = SqliteCheckpointer.NoAutoCheckpoint + " PRAGMA journal_mode;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    private List<AuditEvent> Batch(int count)
    {
        var details = new Dictionary<string, string> { ["note"] = new string('x', 900) };
        return Enumerable.Range(0, count).Select(_ =>
        {
            var i = _next++;
            return new AuditEvent
            {
                Id = AuditEventIds.New(Samples.T0.ToUnixTimeMilliseconds() + i),
                Time = Samples.T0.AddMilliseconds(i),
                Kind = AuditKinds.Request,
                PrincipalId = "sa_a",
                Action = AuditActions.ProxyRequest,
                Outcome = "success",
                Status = 200,
                Details = details,
            };
        }).ToList();
    }

    private static Task WaitForAsync(Func<bool> condition) => AuditWriterTesting.WaitUntilAsync(() => Task.FromResult(condition()));
}
