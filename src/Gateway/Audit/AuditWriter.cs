using System.Text.Json;
using System.Threading.Channels;
using Gateway.Accounts;
using Gateway.Serialization;
using Gateway.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gateway.Audit;

/// <summary>
/// Writes the audit trail. Admin events are appended at once and awaited (durable before the change is
/// acknowledged). Request events go through a bounded channel to a writer thread of its own — a full queue never
/// blocks a request, it counts a drop — that flushes every <see cref="AuditOptions.Linger"/>, or as soon as
/// <see cref="AuditOptions.BatchSize"/> events wait: each flush is one store transaction per batch holding the
/// events and, at most once per <see cref="AuditOptions.UsageInterval"/>, the keys' <c>lastUsedAt</c> and their per-minute usage counts
/// (<see cref="KeyUsageCounters"/>, kept for every authenticated request whatever
/// <see cref="AuditOptions.RequestDetail"/> is). Write failures are retried; events that still cannot be written are
/// counted as dropped and logged.
/// </summary>
/// <remarks>
/// The flush runs on a dedicated thread, not on the thread pool: the SQLite store's calls are synchronous (its async
/// methods complete on the calling thread), and a commit that passes the WAL's checkpoint threshold syncs the WAL and
/// the database file, which took 3-130 ms on the benchmark machine. On a thread-pool thread that blocked one of the
/// few workers a small container has, and requests could queue behind it (docs/PERFORMANCE.md, "Hot path, seventh
/// pass: the audit writer and the harness"). Blocking this thread holds up nothing but the next flush; the queue
/// (<see cref="AuditOptions.QueueCapacity"/>) absorbs the wait.
/// </remarks>
public sealed partial class AuditWriter : IHostedService, IDisposable
{
    private readonly Channel<AuditEvent> _queue;
    private readonly IAuditStore _store;
    private readonly IAccountStore _accounts;
    private readonly GatewayMetrics _metrics;
    private readonly AuditOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<AuditWriter> _logger;
    private readonly KeyUsageCounters _usage = new();
    private readonly AutoResetEvent _wake = new(initialState: false);
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Thread? _thread;
    private ITimer? _linger;
    private int _depth;
    private DateTimeOffset _nextUsageWrite;
    private readonly IKeyUsageFold? _fold;
    private DateTimeOffset _nextFold;
    private bool _folding;
    private DateTimeOffset _nextPurge;
    private DateTimeOffset _purgeBefore;
    private bool _purging;
    private long _purged;

    /// <summary>How long after a minute ends the fold takes it: by then no usage write can still add to it.</summary>
    internal static readonly TimeSpan FoldDelay = TimeSpan.FromMinutes(2);

    /// <summary>Usage rows folded per step: one step per wake-up of the writer, so a flush never waits long behind one.</summary>
    internal const int FoldChunk = 4096;

    /// <summary>
    /// Events and usage rows past retention deleted per purge step: one step per wake-up of the writer, like the fold's,
    /// so a flush never waits long behind a purge (an hour of events at thousands a second was one <c>DELETE</c> of
    /// millions of rows: seconds on this thread while the queue filled). A wake-up comes at least every
    /// <see cref="AuditOptions.Linger"/> and, under load, once per <see cref="AuditOptions.BatchSize"/> events (500 by
    /// default), so the steps delete faster than the flushes insert: a round ends within minutes of its start.
    /// </summary>
    internal const int PurgeChunk = 4096;

    /// <summary>Creates the writer.</summary>
    public AuditWriter(IAuditStore store, IAccountStore accounts, GatewayMetrics metrics, IOptions<AuditOptions> options,
        TimeProvider time, ILogger<AuditWriter> logger)
    {
        _store = store;
        _fold = store as IKeyUsageFold;
        _accounts = accounts;
        _metrics = metrics;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _queue = Channel.CreateBounded<AuditEvent>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
    }

    /// <summary>Events accepted into the queue and not yet written.</summary>
    public int QueueDepth => Volatile.Read(ref _depth);

    /// <summary>Which proxied requests get an event of their own (<see cref="AuditOptions.RequestDetail"/>).</summary>
    public RequestAuditDetail RequestDetail => _options.RequestDetail;

    /// <summary>
    /// Counts a proxied request of <paramref name="keyId"/> towards its usage and <c>lastUsedAt</c> (at <paramref name="at"/>,
    /// default now); never blocks.
    /// </summary>
    public void RecordUsage(string keyId, bool denied, DateTimeOffset? at = null) => _usage.Record(keyId, denied, at ?? _time.GetUtcNow());

    /// <summary>Queues a request event; never blocks. <c>false</c> (and a counted drop) when the queue is full.</summary>
    public bool TryEnqueue(AuditEvent auditEvent)
    {
        var depth = Interlocked.Increment(ref _depth);
        if (depth > _options.QueueCapacity || !_queue.Writer.TryWrite(auditEvent))
        {
            Interlocked.Decrement(ref _depth);
            _metrics.AuditDropped.WithLabels("queue_full").Inc();
            return false;
        }

        if (depth == _options.BatchSize)
        {
            _wake.Set();
        }

        return true;
    }

    /// <summary>Appends an admin event durably; throws when the store cannot take it, so the change is not acknowledged.</summary>
    public async Task WriteAdminAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        await _store.AppendAsync([auditEvent], cancellationToken);
        _metrics.AuditWritten.WithLabels(AuditKinds.Admin).Inc();
        Mirror(auditEvent);
    }

    /// <summary>
    /// Starts the writer thread. It runs once this returns (not on a thread-pool work item that a stop could cancel
    /// before it ran, as <c>BackgroundService</c> does), so a stop always drains what was queued.
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // The linger's timer exists before this returns, so time that passes from here on counts towards it.
        _linger = _time.CreateTimer(static wake => ((AutoResetEvent)wake!).Set(), _wake, _options.Linger, Timeout.InfiniteTimeSpan);
        _thread = new Thread(Run) { IsBackground = true, Name = "Audit writer" };
        _thread.Start();
        return Task.CompletedTask;
    }

    /// <summary>Stops taking events, lets the thread write what is queued, and waits for it (until <paramref name="cancellationToken"/>).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        if (_thread is null)
        {
            return;
        }

        await _stopping.CancelAsync();
        await _finished.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Stops the thread if <see cref="StopAsync"/> did not (waiting at most 10 s for its last flush), then frees its handles.</summary>
    public void Dispose()
    {
        if (_thread is { IsAlive: true } thread)
        {
            _queue.Writer.TryComplete();
            _stopping.Cancel();
            if (!thread.Join(TimeSpan.FromSeconds(10)))
            {
                return; // still writing: its handles stay with it
            }
        }

        _linger?.Dispose();
        _stopping.Dispose();
        _wake.Dispose();
    }

    /// <summary>
    /// The writer thread: waits for a full batch, the linger (a <see cref="TimeProvider"/> timer restarted at every
    /// wake-up, so a linger passes only when no full batch came within it) or the stop, and flushes (with the keys' usage
    /// once its interval has passed); on the stop, drains what is queued.
    /// </summary>
    private void Run()
    {
        var stoppingToken = _stopping.Token;
        var batch = new List<AuditEvent>(_options.BatchSize);
        var reader = _queue.Reader;
        _nextPurge = _time.GetUtcNow();
        WaitHandle[] wakeOrStop = [_wake, stoppingToken.WaitHandle];
        try
        {
            while (true)
            {
                WaitHandle.WaitAny(wakeOrStop);
                stoppingToken.ThrowIfCancellationRequested();
                _linger!.Change(_options.Linger, Timeout.InfiniteTimeSpan);
                _metrics.AuditQueueDepth.Set(Volatile.Read(ref _depth));
                Flush(batch, reader, usageDue: _time.GetUtcNow() >= _nextUsageWrite, stoppingToken);
                if (_fold is not null && (_folding || _time.GetUtcNow() >= _nextFold))
                {
                    Fold();
                }

                if (_purging || _time.GetUtcNow() >= _nextPurge)
                {
                    Purge(stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: drain what is already queued below.
        }
        catch (Exception ex)
        {
            // A fault of the writer itself (the store's errors are handled per batch): later events are not written.
            LogWriterFailed(_logger, ex);
            _finished.SetException(ex);
            return;
        }

        try
        {
            Flush(batch, reader, usageDue: true, CancellationToken.None);
            _finished.SetResult();
        }
        catch (Exception ex)
        {
            LogWriterFailed(_logger, ex);
            _finished.SetException(ex);
        }
    }

    /// <summary>
    /// Writes everything queued, in batches of at most BatchSize; when <paramref name="usageDue"/>, the usage counted
    /// so far goes with the first. Usage is due at the first flush once <see cref="AuditOptions.UsageInterval"/> has
    /// passed since its last write: each write of usage is one upsert per key used, so under load (a full batch every
    /// few tens of milliseconds, hundreds of keys in each) writing it with every batch cost about as much SQLite work
    /// per request as the event itself, and with every linger still about a fifth of the flush.
    /// </summary>
    private void Flush(List<AuditEvent> batch, ChannelReader<AuditEvent> reader, bool usageDue, CancellationToken cancellationToken)
    {
        IReadOnlyList<KeyUsage> usage = [];
        if (usageDue)
        {
            usage = _usage.Drain();
            _nextUsageWrite = _time.GetUtcNow() + _options.UsageInterval;
        }

        do
        {
            batch.Clear();
            while (batch.Count < _options.BatchSize && reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            if (batch.Count > 0 || usage.Count > 0)
            {
                WriteBatch(batch, usage, cancellationToken);
            }

            usage = [];
        }
        while (batch.Count == _options.BatchSize);

        batch.Clear();
    }

    // The store's methods are awaited by blocking this (dedicated) thread: SQLite's complete synchronously anyway, and
    // Redis's complete on the multiplexer's threads. A write is never cancelled: the batch has left the queue, so a
    // write a stop cancelled (and rolled back) would lose it; a stop only cuts short the pause between attempts.
    private void WriteBatch(List<AuditEvent> batch, IReadOnlyList<KeyUsage> usage, CancellationToken stoppingToken)
    {
        var touched = false;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                touched = _store.AppendRequestsAsync(batch, usage, CancellationToken.None).GetAwaiter().GetResult();
                break;
            }
            catch (Exception ex) when (attempt < 3)
            {
                LogRetry(_logger, ex, batch.Count, attempt);
                PauseBeforeRetry(attempt, stoppingToken);
            }
            catch (Exception ex)
            {
                LogDropped(_logger, ex, batch.Count);
                _metrics.AuditDropped.WithLabels("store_error").Inc(batch.Count);
                Settle(batch.Count);
                return;
            }
        }

        if (batch.Count > 0)
        {
            _metrics.AuditWritten.WithLabels(AuditKinds.Request).Inc(batch.Count);
            Settle(batch.Count);
            foreach (var item in batch)
            {
                Mirror(item);
            }
        }

        if (!touched)
        {
            TouchKeys(usage, CancellationToken.None);
        }
    }

    private void PauseBeforeRetry(int attempt, CancellationToken stoppingToken)
    {
        try
        {
            Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), _time, stoppingToken).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the next attempt comes at once.
        }
    }

    private void TouchKeys(IReadOnlyList<KeyUsage> usage, CancellationToken cancellationToken)
    {
        if (usage.Count == 0)
        {
            return;
        }

        var lastUsed = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var item in usage)
        {
            if (!lastUsed.TryGetValue(item.KeyId, out var seen) || seen < item.LastUsed)
            {
                lastUsed[item.KeyId] = item.LastUsed;
            }
        }

        try
        {
            _accounts.TouchKeysAsync(lastUsed, cancellationToken).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogTouchFailed(_logger, ex, lastUsed.Count);
        }
    }

    /// <summary>
    /// One step of the last-use fold (<see cref="IKeyUsageFold"/>): at most <see cref="FoldChunk"/> usage rows of the
    /// minutes that ended <see cref="FoldDelay"/> ago. Steps follow at each wake-up until none is left, then the next
    /// round is due a minute later. A failed step is logged and tried again in the next round: until then the rows it
    /// did not fold still count in <c>lastUsedAt</c>, which reads the unfolded minutes too.
    /// </summary>
    private void Fold()
    {
        var now = _time.GetUtcNow();
        try
        {
            _folding = _fold!.FoldUsageAsync(now - FoldDelay, FoldChunk, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (Exception ex)
        {
            LogFoldFailed(_logger, ex);
            _folding = false;
        }

        if (!_folding)
        {
            _nextFold = now + TimeSpan.FromMinutes(1);
        }
    }

    /// <summary>
    /// One step of the hourly retention purge: at most about <see cref="PurgeChunk"/> events and usage rows older than
    /// the round's cutoff (<see cref="AuditOptions.Retention"/> before the round began). Steps follow at each wake-up
    /// until a step finds fewer left; the round's total is logged then, and the next round is due an hour after this
    /// one began. A failed step is logged and ends the round: the next one deletes what it left.
    /// </summary>
    private void Purge(CancellationToken cancellationToken)
    {
        if (!_purging)
        {
            var now = _time.GetUtcNow();
            _purgeBefore = now - _options.Retention;
            _nextPurge = now.AddHours(1);
            _purged = 0;
        }

        try
        {
            var purged = _store.PurgeAsync(_purgeBefore, PurgeChunk, cancellationToken).GetAwaiter().GetResult();
            _purged += purged;
            _purging = purged >= PurgeChunk;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogPurgeFailed(_logger, ex);
            _purging = false;
        }

        if (!_purging && _purged > 0)
        {
            LogPurged(_logger, _purged);
        }
    }

    private void Settle(int count) => _metrics.AuditQueueDepth.Set(Interlocked.Add(ref _depth, -count));

    private void Mirror(AuditEvent auditEvent)
    {
        if (_options.Stdout)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(auditEvent, GatewayJson.Options));
        }
    }

    [LoggerMessage(EventId = EventIds.Audit.WriteRetried, Level = LogLevel.Warning, Message = "Writing {Count} audit events failed (attempt {Attempt}); retrying")]
    private static partial void LogRetry(ILogger logger, Exception exception, int count, int attempt);

    [LoggerMessage(EventId = EventIds.Audit.EventsDropped, Level = LogLevel.Error, Message = "Dropped {Count} audit events: the audit store did not take them")]
    private static partial void LogDropped(ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = EventIds.Audit.TouchFailed, Level = LogLevel.Warning, Message = "Updating lastUsedAt of {Count} keys failed")]
    private static partial void LogTouchFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = EventIds.Audit.Purged, Level = LogLevel.Information, Message = "Purged {Count} audit events and per-minute usage rows past retention")]
    private static partial void LogPurged(ILogger logger, long count);

    [LoggerMessage(EventId = EventIds.Audit.WriterFailed, Level = LogLevel.Critical, Message = "The audit writer stopped: request events are no longer written")]
    private static partial void LogWriterFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = EventIds.UsageFold.FoldFailed, Level = LogLevel.Warning, Message = "Folding per-minute key usage into lastUsedAt failed; retrying in a minute")]
    private static partial void LogFoldFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = EventIds.Audit.PurgeFailed, Level = LogLevel.Warning, Message = "Purging old audit events failed")]
    private static partial void LogPurgeFailed(ILogger logger, Exception exception);
}
