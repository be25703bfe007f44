using System.Diagnostics;
using Gateway.Configuration;
using Gateway.Telemetry;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SQLitePCL;

namespace Gateway.Accounts.Sqlite;

/// <summary>
/// Checkpoints the embedded store's write-ahead log on a thread of its own, every
/// <see cref="StoreOptions.CheckpointInterval"/>: a <c>PASSIVE</c> checkpoint, which copies the committed frames into the
/// database file while writers go on appending to the log, syncing the log before the copy and the file after it.
/// Every other connection the gateway writes with sets <c>wal_autocheckpoint=0</c> (<see cref="NoAutoCheckpoint"/>), so
/// none checkpoints in its commit.
/// </summary>
/// <remarks>
/// SQLite's default is the opposite: the commit that takes the log past 1,000 pages checkpoints it, on the committing
/// thread. The audit writer makes nearly all commits, so it took the copy and both syncs, and on a disk whose sync takes
/// a second its queue filled and request events were dropped (a fresh-clone CI run dropped 3,247 in the benchmark's
/// smoke run; docs/PERFORMANCE.md, "Audit writer and slow disks"). The writer now syncs only the log's header, once per
/// checkpoint cycle, when its next commit starts the log again from the beginning (SQLite does that at
/// <c>synchronous=NORMAL</c>). A checkpoint that finds nothing new to copy does no I/O. The log starts again only when a
/// commit finds it all copied; on a disk too slow for the write rate the passive checkpoints never catch up, so once the
/// log holds more than <see cref="MaxLogFrames"/> frames that are not all copied, the checkpoint is a <c>RESTART</c>
/// one: it holds new writes back (up to a second for the lock, then the copy) until the log is copied, and the next
/// commit starts it again — the writer waits then, as it did at every checkpoint before, but the log stays bounded.
/// When the gateway stops, the last connection to close checkpoints what is left, as SQLite always does.
/// </remarks>
public sealed partial class SqliteCheckpointer : IHostedService, IDisposable
{
    private readonly string _connectionString;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly ILogger<SqliteCheckpointer> _logger;
    private readonly AutoResetEvent _wake = new(initialState: false);
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ITimer? _timer;
    private Thread? _thread;
    private readonly int _maxLogFrames;
    private readonly Prometheus.Histogram.Child? _duration;
    private readonly Prometheus.Counter.Child? _errors;
    private long _checkpoints;

    /// <summary>
    /// Frames (pages) the log may hold, not all copied, before a checkpoint holds writes back to copy it all: ≈ 40 MB of
    /// 4 KiB pages, ten times SQLite's own checkpoint threshold.
    /// </summary>
    public const int MaxLogFrames = 10_000;

    /// <summary>
    /// The pragma each writing connection of the store runs when it is opened (pooled connections keep it, but a pooled
    /// connection may come from either store, so every open sets it): its commits leave checkpoints to this thread.
    /// </summary>
    public const string NoAutoCheckpoint = "PRAGMA wal_autocheckpoint=0;";

    /// <summary>The <c>operation</c> label of its checkpoints in the store metrics (with <c>store="sqlite"</c>).</summary>
    public const string MetricOperation = "checkpoint";

    /// <summary>Creates the checkpointer of the store in <paramref name="directory"/>.</summary>
    public SqliteCheckpointer(GatewayDataDirectory directory, IOptions<StoreOptions> options, TimeProvider time, ILogger<SqliteCheckpointer> logger, GatewayMetrics metrics)
        : this(directory.DatabasePath, options.Value.CheckpointInterval, time, logger, metrics: metrics)
    {
    }

    /// <summary>
    /// Creates the checkpointer of the database file at <paramref name="path"/>; with <paramref name="metrics"/>, each
    /// checkpoint's duration goes to <c>gateway_store_operation_duration_seconds{store="sqlite",operation="checkpoint"}</c>
    /// and each failure to <c>gateway_store_errors_total</c> with the same labels.
    /// </summary>
    public SqliteCheckpointer(string path, TimeSpan interval, TimeProvider time, ILogger<SqliteCheckpointer> logger, int maxLogFrames = MaxLogFrames, GatewayMetrics? metrics = null)
    {
        // A connection of its own (not pooled): it lives as long as the thread, and its synchronous=NORMAL gives the
        // checkpoint its syncs.
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString();
        _interval = interval;
        _maxLogFrames = maxLogFrames;
        _time = time;
        _logger = logger;
        _duration = metrics?.StoreDuration.WithLabels(StoreOptions.Sqlite, MetricOperation);
        _errors = metrics?.StoreErrors.WithLabels(StoreOptions.Sqlite, MetricOperation);
    }

    /// <summary>Checkpoints run so far (whether or not they found frames to copy).</summary>
    public long Checkpoints => Interlocked.Read(ref _checkpoints);

    /// <summary>Starts the thread; the first checkpoint comes one interval later.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _timer = _time.CreateTimer(static wake => ((AutoResetEvent)wake!).Set(), _wake, _interval, _interval);
        _thread = new Thread(Run) { IsBackground = true, Name = "SQLite checkpointer" };
        _thread.Start();
        return Task.CompletedTask;
    }

    /// <summary>Stops the thread (after the checkpoint under way, if any) and waits for it (until <paramref name="cancellationToken"/>).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_thread is null)
        {
            return;
        }

        _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        await _stopping.CancelAsync();
        await _finished.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Stops the thread if <see cref="StopAsync"/> did not (waiting at most 10 s), then frees its handles.</summary>
    public void Dispose()
    {
        if (_thread is { IsAlive: true } thread)
        {
            _stopping.Cancel();
            if (!thread.Join(TimeSpan.FromSeconds(10)))
            {
                return; // still checkpointing: its handles stay with it
            }
        }

        _timer?.Dispose();
        _stopping.Dispose();
        _wake.Dispose();
    }

    /// <summary>
    /// One checkpoint on <paramref name="connection"/>: <c>PASSIVE</c> (never waits), then <c>RESTART</c> when the log
    /// still holds frames not copied and more than the bound. Returns the log's frames, how many of them are in the
    /// database file, and whether the <c>RESTART</c> ran. A lock the <c>RESTART</c> could not get within the connection's
    /// busy timeout leaves the log for the next interval; any other error throws <see cref="SqliteException"/>.
    /// </summary>
    internal (int LogFrames, int CheckpointedFrames, bool Restarted) CheckpointOnce(SqliteConnection connection)
    {
        var (log, done) = Checkpoint(connection, raw.SQLITE_CHECKPOINT_PASSIVE);
        if (done >= log || log <= _maxLogFrames)
        {
            return (log, done, false);
        }

        (log, done) = Checkpoint(connection, raw.SQLITE_CHECKPOINT_RESTART);
        return (log, done, true);
    }

    private static (int LogFrames, int CheckpointedFrames) Checkpoint(SqliteConnection connection, int mode)
    {
        var rc = raw.sqlite3_wal_checkpoint_v2(connection.Handle, "main", mode, out var log, out var done);
        if (rc != raw.SQLITE_OK && rc != raw.SQLITE_BUSY)
        {
            SqliteException.ThrowExceptionForRC(rc, connection.Handle);
        }

        return (log, done);
    }

    private void Run()
    {
        var stoppingToken = _stopping.Token;
        WaitHandle[] wakeOrStop = [_wake, stoppingToken.WaitHandle];
        SqliteConnection? connection = null;
        try
        {
            while (WaitHandle.WaitAny(wakeOrStop) == 0)
            {
                try
                {
                    connection ??= Open();
                    var started = Stopwatch.GetTimestamp();
                    var (log, done, restarted) = CheckpointOnce(connection);
                    Interlocked.Increment(ref _checkpoints);
                    var elapsed = Stopwatch.GetElapsedTime(started);
                    _duration?.Observe(elapsed.TotalSeconds);
                    if (restarted)
                    {
                        LogRestarted(_logger, (long)elapsed.TotalMilliseconds, done, log);
                    }
                    else if (elapsed > TimeSpan.FromSeconds(1))
                    {
                        LogSlow(_logger, (long)elapsed.TotalMilliseconds, done, log);
                    }
                }
                catch (Exception ex) when (ex is SqliteException or InvalidOperationException or IOException)
                {
                    LogFailed(_logger, ex);
                    _errors?.Inc();
                    connection?.Dispose();
                    connection = null;
                }
            }
        }
        finally
        {
            connection?.Dispose();
            _finished.TrySetResult();
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using var pragma = connection.CreateCommand();
            // journal_mode reads the file's header: until a connection has read it, SQLite does not know the file is in
            // WAL mode and a checkpoint does nothing.
            pragma.CommandText = "PRAGMA synchronous=NORMAL; " + NoAutoCheckpoint + " PRAGMA journal_mode;";
            pragma.ExecuteNonQuery();
            raw.sqlite3_busy_timeout(connection.Handle, 1000); // how long a RESTART waits for the writers' lock
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    [LoggerMessage(EventId = EventIds.SqliteCheckpoint.CheckpointFailed, Level = LogLevel.Warning, Message = "Checkpointing the store's write-ahead log failed; retrying in the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = EventIds.SqliteCheckpoint.CheckpointSlow, Level = LogLevel.Warning, Message = "Checkpointing the store's write-ahead log took {ElapsedMs} ms ({Checkpointed} of the log's {Frames} frames in the database file): the disk's syncs are slow")]
    private static partial void LogSlow(ILogger logger, long elapsedMs, int checkpointed, int frames);

    [LoggerMessage(EventId = EventIds.SqliteCheckpoint.CheckpointRestarted, Level = LogLevel.Warning, Message = "The store's write-ahead log outgrew its checkpoints; writes were held back for {ElapsedMs} ms to copy it ({Checkpointed} of {Frames} frames in the database file)")]
    private static partial void LogRestarted(ILogger logger, long elapsedMs, int checkpointed, int frames);
}
