using Gateway.Accounts.Sqlite;
using Gateway.Audit;
using Gateway.Audit.Sqlite;
using Gateway.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Prometheus;

namespace Gateway.Tests.Audit;

/// <summary>What the audit writer's tests share: a writer over a real SQLite file, request events, and waiting for the writer.</summary>
internal static class AuditWriterTesting
{
    /// <summary>
    /// Creates the account schema at <paramref name="path"/> and a writer over <paramref name="store"/>; the keys' usage
    /// is written every <paramref name="usageInterval"/> (default: every linger).
    /// </summary>
    public static async Task<AuditWriter> CreateWriterAsync(string path, IAuditStore store, TimeProvider time, int batchSize, TimeSpan linger, TimeSpan? usageInterval = null)
    {
        var accounts = new SqliteAccountStore(path);
        await accounts.InitializeAsync(CancellationToken.None);
        return new AuditWriter(store, accounts, new GatewayMetrics(Metrics.NewCustomRegistry()),
            Options.Create(new AuditOptions { BatchSize = batchSize, Linger = linger, UsageInterval = usageInterval ?? linger }), time,
            NullLogger<AuditWriter>.Instance);
    }

    /// <summary>Queues <paramref name="count"/> successful request events of key <paramref name="keyId"/> at the clock's time.</summary>
    public static void Enqueue(AuditWriter writer, TimeProvider time, int count, string principalId, string keyId)
    {
        for (var i = 0; i < count; i++)
        {
            var now = time.GetUtcNow();
            Assert.True(writer.TryEnqueue(new AuditEvent
            {
                Id = AuditEventIds.New(now.ToUnixTimeMilliseconds()),
                Time = now,
                Kind = AuditKinds.Request,
                PrincipalId = principalId,
                KeyId = keyId,
                Action = AuditActions.ProxyRequest,
                Outcome = "success",
                Status = 200,
            }));
        }
    }

    /// <summary>Events in <paramref name="store"/> (up to 100).</summary>
    public static async Task<int> CountAsync(IAuditStore store) =>
        (await store.QueryAsync(new AuditQuery { Limit = 100 }, CancellationToken.None)).Items.Count;

    /// <summary>Polls <paramref name="condition"/> until it holds; fails after 20 s.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The writer did not get there in 20 s.");
            await Task.Delay(10);
        }
    }
}
