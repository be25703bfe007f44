using Gateway.Accounts.Sqlite;
using Gateway.Audit;
using Gateway.Audit.Sqlite;
using Gateway.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using static Gateway.Tests.Audit.AuditWriterTesting;

namespace Gateway.Tests.Audit;

/// <summary>
/// Retention deletes past events and usage rows a step at a time, the oldest first: a store step deletes at most about
/// the rows asked for (across its statements and events that share a millisecond), and the writer takes one step per
/// wake-up, writing request events between them, until a step finds fewer left.
/// </summary>
public sealed class AuditRetentionTests : IDisposable
{
    private static readonly DateTimeOffset Cutoff = Samples.T0.AddDays(1);
    private readonly TempDirectory _dir = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public async Task StorePurge_DeletesTheOldestRowsFirst_AtMostMaxRows_UntilNoneIsLeft()
    {
        var path = await SchemaAsync();
        var store = new SqliteAuditStore(path);
        // 600 events before the cutoff, ten to a millisecond (the key's tie-break is the id), and 400 after it.
        var old = Events(Samples.T0, 600);
        var recent = Events(Cutoff.AddMinutes(1), 400);
        Assert.True(await store.AppendRequestsAsync([.. recent, .. old], [], CancellationToken.None));
        // 50 usage rows in minutes before the cutoff, one after it.
        var usage = Enumerable.Range(0, 50).Select(i => new KeyUsage($"ak_old{i % 5}", 1, 0, Samples.T0.AddMinutes(i / 5))).ToList();
        Assert.True(await store.AppendRequestsAsync([], [.. usage, new KeyUsage("ak_new", 1, 0, Cutoff.AddMinutes(1))], CancellationToken.None));

        // Usage rows first (50), then the 450 oldest events: pieces of SqliteAuditStore.PurgePiece cross tied milliseconds.
        Assert.Equal(500, await store.PurgeAsync(Cutoff, 500, CancellationToken.None));
        Assert.Equal(1, await AuditTableMigrationTests.ScalarAsync(path, "SELECT count(*) FROM key_usage;"));
        var expected = old.OrderBy(e => e.Time).ThenBy(e => e.Id, StringComparer.Ordinal).Skip(450).Select(e => e.Id).Concat(recent.Select(e => e.Id));
        Assert.Equal(expected.Order(StringComparer.Ordinal), await IdsAsync(path));

        Assert.Equal(150, await store.PurgeAsync(Cutoff, 500, CancellationToken.None)); // fewer than asked: the round is over
        Assert.Equal(recent.Select(e => e.Id).Order(StringComparer.Ordinal), await IdsAsync(path));
        Assert.Equal(0, await store.PurgeAsync(Cutoff, 500, CancellationToken.None));
        Assert.Equal(1, await AuditTableMigrationTests.ScalarAsync(path, "SELECT count(*) FROM key_usage;"));
    }

    [Fact]
    public async Task Writer_PurgesAStepPerWakeUp_WritesRequestsBetweenSteps_AndEndsTheRoundOnAShortStep()
    {
        var path = _dir.Combine("data", "gateway.db");
        var store = new RecordingStore(new SqliteAuditStore(path));
        // The writer (created with the schema) starts past the events' retention (90 days by default).
        var time = new FakeTimeProvider(Samples.T0.AddDays(91));
        var writer = await CreateWriterAsync(path, store, time, batchSize: 100, TimeSpan.FromMilliseconds(200));
        var old = Events(Samples.T0, (2 * AuditWriter.PurgeChunk) + 100);
        Assert.True(await store.AppendRequestsAsync(old, [], CancellationToken.None));
        await writer.StartAsync(CancellationToken.None);
        try
        {
            for (var step = 1; step <= 3; step++)
            {
                Enqueue(writer, time, 1, "sa_retention", "ak_retention");
                time.Advance(TimeSpan.FromMilliseconds(200)); // a linger: one wake-up, one flush, one step
                var wanted = step;
                await WaitUntilAsync(() => Task.FromResult(store.Purges.Count >= wanted));
                await WaitUntilAsync(async () => await AuditTableMigrationTests.ScalarAsync(path, "SELECT count(*) FROM audit_events WHERE principal_id = 'sa_retention';") == wanted);
            }

            // The round is over: the next wake-up writes the request and purges nothing.
            Enqueue(writer, time, 1, "sa_retention", "ak_retention");
            time.Advance(TimeSpan.FromMilliseconds(200));
            await WaitUntilAsync(async () => await AuditTableMigrationTests.ScalarAsync(path, "SELECT count(*) FROM audit_events WHERE principal_id = 'sa_retention';") == 4);

            time.Advance(TimeSpan.FromHours(1)); // the next round, at a wake-up an hour after the last one began
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (store.Purges.Count < 4 && DateTime.UtcNow < deadline)
            {
                time.Advance(TimeSpan.FromMilliseconds(200));
                await Task.Delay(10);
            }
        }
        finally
        {
            await writer.StopAsync(CancellationToken.None);
        }

        // The first wake-up, 200 ms after the start, began the round: its cutoff is 90 days (the retention) before then.
        var before = Samples.T0.AddDays(1).AddMilliseconds(200);
        var purges = store.Purges;
        Assert.Equal(
            [(before, AuditWriter.PurgeChunk, AuditWriter.PurgeChunk), (before, AuditWriter.PurgeChunk, AuditWriter.PurgeChunk), (before, AuditWriter.PurgeChunk, 100)],
            purges.Take(3));
        Assert.True(purges.Count >= 4, "The next round did not come an hour later.");
        Assert.True(purges[3].Before >= before.AddHours(1), $"The next round's cutoff {purges[3].Before:O} is less than an hour after the first one's.");
        Assert.Equal((AuditWriter.PurgeChunk, 0), (purges[3].MaxRows, purges[3].Deleted));
        Assert.Equal(0, await AuditTableMigrationTests.ScalarAsync(path, $"SELECT count(*) FROM audit_events WHERE time < {before.ToUnixTimeMilliseconds()};"));
        Assert.Equal(4, await AuditTableMigrationTests.ScalarAsync(path, "SELECT count(*) FROM audit_events;"));
    }

    private async Task<string> SchemaAsync()
    {
        var path = _dir.Combine("data", "gateway.db");
        await new SqliteAccountStore(path).InitializeAsync(CancellationToken.None);
        return path;
    }

    private static List<AuditEvent> Events(DateTimeOffset from, int count) =>
        Enumerable.Range(0, count).Select(i =>
        {
            var at = from.AddMilliseconds(i / 10);
            return new AuditEvent
            {
                Id = AuditEventIds.New(at.ToUnixTimeMilliseconds()),
                Time = at,
                Kind = AuditKinds.Request,
                PrincipalId = "sa_old",
                KeyId = "ak_old",
                Action = AuditActions.ProxyRequest,
                Outcome = "success",
                Status = 200,
            };
        }).ToList();

    private static async Task<List<string>> IdsAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM audit_events ORDER BY id;";
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>The real SQLite store, noting each purge step: its cutoff, the rows asked for and the rows deleted.</summary>
    private sealed class RecordingStore(SqliteAuditStore inner) : IAuditStore
    {
        private readonly Lock _lock = new();
        private readonly List<(DateTimeOffset Before, int MaxRows, int Deleted)> _purges = [];

        public IReadOnlyList<(DateTimeOffset Before, int MaxRows, int Deleted)> Purges
        {
            get
            {
                lock (_lock)
                {
                    return [.. _purges];
                }
            }
        }

        public Task AppendAsync(IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken) =>
            inner.AppendAsync(events, cancellationToken);

        public Task<bool> AppendRequestsAsync(IReadOnlyList<AuditEvent> events, IReadOnlyList<KeyUsage> usage, CancellationToken cancellationToken) =>
            inner.AppendRequestsAsync(events, usage, cancellationToken);

        public Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken) => inner.QueryAsync(query, cancellationToken);

        public async Task<int> PurgeAsync(DateTimeOffset before, int maxRows, CancellationToken cancellationToken)
        {
            var deleted = await inner.PurgeAsync(before, maxRows, cancellationToken);
            lock (_lock)
            {
                _purges.Add((before, maxRows, deleted));
            }

            return deleted;
        }
    }
}
