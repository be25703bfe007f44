using System.Text.Json;
using System.Threading.Channels;
using Gateway.Accounts;
using Gateway.Hosting;
using Gateway.Observability;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gateway.Audit;

/// <summary>
/// Writes the audit trail. Admin events are appended at once and awaited (durable before the change is
/// acknowledged). Request events go through a bounded channel to a background loop that writes them in batches —
/// a full queue never blocks a request, it counts a drop — and raises the keys' <c>lastUsedAt</c> from the same
/// batches. Write failures are retried; events that still cannot be written are counted as dropped and logged.
/// </summary>
public sealed partial class AuditWriter : BackgroundService
{
    private readonly Channel<AuditEvent> _queue;
    private readonly IAuditStore _store;
    private readonly IAccountStore _accounts;
    private readonly GatewayMetrics _metrics;
    private readonly AuditOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<AuditWriter> _logger;
    private int _depth;

    /// <summary>Creates the writer.</summary>
    public AuditWriter(IAuditStore store, IAccountStore accounts, GatewayMetrics metrics, IOptions<GatewayOptions> options,
        TimeProvider time, ILogger<AuditWriter> logger)
    {
        _store = store;
        _accounts = accounts;
        _metrics = metrics;
        _options = options.Value.Audit;
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

    /// <summary>Queues a request event; never blocks. <c>false</c> (and a counted drop) when the queue is full.</summary>
    public bool TryEnqueue(AuditEvent auditEvent)
    {
        if (Interlocked.Increment(ref _depth) > _options.QueueCapacity || !_queue.Writer.TryWrite(auditEvent))
        {
            Interlocked.Decrement(ref _depth);
            _metrics.AuditDropped.WithLabels("queue_full").Inc();
            return false;
        }

        _metrics.AuditQueueDepth.Set(Volatile.Read(ref _depth));
        return true;
    }

    /// <summary>Appends an admin event durably; throws when the store cannot take it, so the change is not acknowledged.</summary>
    public async Task WriteAdminAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        await _store.AppendAsync([auditEvent], cancellationToken);
        _metrics.AuditWritten.WithLabels(AuditKinds.Admin).Inc();
        Mirror(auditEvent);
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<AuditEvent>(_options.BatchSize);
        var nextPurge = _time.GetUtcNow();
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < _options.BatchSize && reader.TryRead(out var item))
                {
                    batch.Add(item);
                }

                await WriteBatchAsync(batch, stoppingToken);
                batch.Clear();
                if (_time.GetUtcNow() >= nextPurge)
                {
                    nextPurge = _time.GetUtcNow().AddHours(1);
                    await PurgeAsync(stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: drain what is already queued below.
        }

        while (reader.TryRead(out var item))
        {
            batch.Add(item);
        }

        await WriteBatchAsync(batch, CancellationToken.None);
    }

    private async Task WriteBatchAsync(List<AuditEvent> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _store.AppendAsync(batch, cancellationToken);
                break;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && attempt < 3)
            {
                LogRetry(_logger, ex, batch.Count, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), _time, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogDropped(_logger, ex, batch.Count);
                _metrics.AuditDropped.WithLabels("store_error").Inc(batch.Count);
                Settle(batch.Count);
                return;
            }
        }

        _metrics.AuditWritten.WithLabels(AuditKinds.Request).Inc(batch.Count);
        Settle(batch.Count);
        foreach (var item in batch)
        {
            Mirror(item);
        }

        await TouchKeysAsync(batch, cancellationToken);
    }

    private async Task TouchKeysAsync(List<AuditEvent> batch, CancellationToken cancellationToken)
    {
        var lastUsed = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var item in batch)
        {
            if (item.KeyId is { } keyId && (!lastUsed.TryGetValue(keyId, out var seen) || seen < item.Time))
            {
                lastUsed[keyId] = item.Time;
            }
        }

        try
        {
            await _accounts.TouchKeysAsync(lastUsed, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogTouchFailed(_logger, ex, lastUsed.Count);
        }
    }

    private async Task PurgeAsync(CancellationToken cancellationToken)
    {
        try
        {
            var purged = await _store.PurgeAsync(_time.GetUtcNow() - _options.Retention, cancellationToken);
            if (purged > 0)
            {
                LogPurged(_logger, purged);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogPurgeFailed(_logger, ex);
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

    [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "Writing {Count} audit events failed (attempt {Attempt}); retrying")]
    private static partial void LogRetry(ILogger logger, Exception exception, int count, int attempt);

    [LoggerMessage(EventId = 301, Level = LogLevel.Error, Message = "Dropped {Count} audit events: the audit store did not take them")]
    private static partial void LogDropped(ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "Updating lastUsedAt of {Count} keys failed")]
    private static partial void LogTouchFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = 303, Level = LogLevel.Information, Message = "Purged {Count} audit events past retention")]
    private static partial void LogPurged(ILogger logger, int count);

    [LoggerMessage(EventId = 304, Level = LogLevel.Warning, Message = "Purging old audit events failed")]
    private static partial void LogPurgeFailed(ILogger logger, Exception exception);
}
