using System.Collections.Concurrent;
using Gateway.Audit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Gateway.RateLimiting;

/// <summary>
/// Audits refusals as counts, not one event per refused request: every <see cref="RateLimitingOptions.AuditInterval"/>
/// each account that had refusals gets one <c>ratelimit.exceeded</c> event whose target reads
/// <c>rate_limited=N quota_exceeded=M</c> (and once more at shutdown). A flood of 429s thus costs one event per account
/// and interval.
/// </summary>
public sealed class RateLimitAuditSummary(AuditWriter writer, IOptions<RateLimitingOptions> options, TimeProvider time) : BackgroundService
{
    /// <summary>The audit action of a summary.</summary>
    public const string Action = "ratelimit.exceeded";

    private readonly ConcurrentDictionary<string, Counts> _counts = new(StringComparer.Ordinal);

    /// <summary>Counts one refusal of <paramref name="accountId"/>.</summary>
    public void Record(string accountId, string accountName, RateLimitOutcome outcome)
    {
        var counts = _counts.GetOrAdd(accountId, static (_, name) => new Counts(name), accountName);
        if (outcome == RateLimitOutcome.QuotaExceeded)
        {
            Interlocked.Increment(ref counts.QuotaExceeded);
        }
        else
        {
            Interlocked.Increment(ref counts.RateLimited);
        }
    }

    /// <summary>Queues one event per account with refusals since the last flush.</summary>
    public void Flush()
    {
        foreach (var (accountId, counts) in _counts)
        {
            var rate = Interlocked.Exchange(ref counts.RateLimited, 0);
            var quota = Interlocked.Exchange(ref counts.QuotaExceeded, 0);
            if (rate + quota == 0)
            {
                _counts.TryRemove(new KeyValuePair<string, Counts>(accountId, counts));
                continue;
            }

            writer.TryEnqueue(new AuditEvent
            {
                Id = AuditEventIds.New(time.GetUtcNow().ToUnixTimeMilliseconds()),
                Time = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds()),
                Kind = AuditKinds.Request,
                PrincipalId = accountId,
                PrincipalName = counts.Name,
                Action = Action,
                Target = $"rate_limited={rate} quota_exceeded={quota}",
                Outcome = "failure",
                Status = 429,
            });
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.AuditInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Flush();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync writes the last counts.
        }
    }

    /// <summary>
    /// Stops the timer, then queues the counts left since the last flush. Here rather than at the end of
    /// <see cref="ExecuteAsync"/>: .NET 10 starts that with <c>Task.Run(…, stoppingToken)</c>, so a stop that comes
    /// before it ran would skip it. The audit writer is registered before this service and hosted services stop in
    /// reverse order, so it is still running and writes these events before it stops.
    /// </summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        Flush();
    }

    private sealed class Counts(string name)
    {
        public readonly string Name = name;
        public long RateLimited;
        public long QuotaExceeded;
    }
}
