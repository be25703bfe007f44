using Gateway.Accounts.Sqlite;
using Gateway.Audit;
using Gateway.Audit.Sqlite;
using Gateway.Tests.TestSupport;
using Microsoft.Data.Sqlite;

namespace Gateway.Tests.Audit;

/// <summary>
/// Schema migration 6 rebuilds <c>audit_events</c> as one B-tree keyed by <c>(time, id)</c>: events written under the
/// old schema (fully random ids of older releases and time-ordered ones, several per millisecond) must read back
/// page by page exactly as before — same items, same order, same cursors — under every filter.
/// </summary>
public sealed class AuditTableMigrationTests : IDisposable
{
    private const int OldVersion = 5;
    private readonly TempDirectory _dir = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    public static TheoryData<string?, string?, int?, int> Queries => new()
    {
        { null, null, null, 7 },
        { "sa_a", null, null, 5 },
        { null, AuditActions.ProxyRequest, null, 9 },
        { null, null, 12, 6 },
        { "sa_b", AuditActions.ProxyRequest, 5, 4 },
        { "sa_none", null, null, 3 },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Migrate_OldTableWithRandomAndTimeOrderedIds_PagesAndCursorsUnchanged(string? principal, string? action, int? sinceMs, int limit)
    {
        var path = await OldSchemaWithEventsAsync();
        var store = new SqliteAuditStore(path);
        var query = new AuditQuery
        {
            PrincipalId = principal,
            Action = action,
            Since = sinceMs is { } ms ? Samples.T0.AddMilliseconds(ms) : null,
            Limit = limit,
        };
        var before = await ReadAllPagesAsync(store, query);

        await new SqliteAccountStore(path).InitializeAsync(CancellationToken.None);
        var after = await ReadAllPagesAsync(store, query);

        Assert.Equal(SqliteSchema.Migrations.Count, await ScalarAsync(path, "PRAGMA user_version;"));
        Assert.True(before.Count > 1 || principal == "sa_none");
        Assert.Equal(before.Count, after.Count);
        for (var i = 0; i < before.Count; i++)
        {
            Assert.Equal(before[i].NextCursor, after[i].NextCursor);
            Assert.Equal(before[i].Items.Select(e => e.Id), after[i].Items.Select(e => e.Id));
            Assert.Equal(before[i].Items.Select(e => e with { Details = null }), after[i].Items.Select(e => e with { Details = null }));
        }
    }

    [Fact]
    public async Task Migrate_OldTable_LeavesOneWithoutRowidTableWithNoIndexAndEveryRow()
    {
        var path = await OldSchemaWithEventsAsync();
        var rows = await ScalarAsync(path, "SELECT count(*) FROM audit_events;");

        await new SqliteAccountStore(path).InitializeAsync(CancellationToken.None);

        Assert.Equal(rows, await ScalarAsync(path, "SELECT count(*) FROM audit_events;"));
        Assert.Equal(0, await ScalarAsync(path, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit_events';"));
        Assert.Equal(1, await ScalarAsync(path, "SELECT count(*) FROM sqlite_master WHERE name = 'audit_events' AND sql LIKE '%WITHOUT ROWID%';"));
        Assert.Equal(0, await ScalarAsync(path, "SELECT count(*) FROM sqlite_master WHERE name = 'audit_events_keyed';"));
    }

    [Fact]
    public async Task Query_CursorAndSince_SeekTheKeyInsteadOfScanning()
    {
        var path = _dir.Combine("data", "gateway.db");
        await new SqliteAccountStore(path).InitializeAsync(CancellationToken.None);

        var plan = await PlanAsync(path, "SELECT id FROM audit_events WHERE time >= 1 AND (time, id) < (2, 'ev_') ORDER BY time DESC, id DESC LIMIT 10;");

        Assert.Contains("SEARCH audit_events USING PRIMARY KEY", plan, StringComparison.Ordinal);
    }

    /// <summary>A database at schema version 5 holding events written through the store as the old table took them.</summary>
    private async Task<string> OldSchemaWithEventsAsync()
    {
        var path = _dir.Combine("data", "gateway.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = string.Join('\n', SqliteSchema.Migrations.Take(OldVersion)) + $"\nPRAGMA user_version={OldVersion};";
            await command.ExecuteNonQueryAsync();
        }

        var random = new Random(11);
        var events = new List<AuditEvent>();
        string[] principals = ["sa_a", "sa_b", "sa_c"];
        for (var i = 0; i < 60; i++)
        {
            var ms = Samples.T0.ToUnixTimeMilliseconds() + i / 3; // three events per millisecond
            events.Add(new AuditEvent
            {
                // The first half carries the fully random ids of older releases, the rest time-ordered ones.
                Id = i < 30 ? RandomId(random) : AuditEventIds.New(ms),
                Time = DateTimeOffset.FromUnixTimeMilliseconds(ms),
                Kind = i % 5 == 0 ? AuditKinds.Admin : AuditKinds.Request,
                PrincipalId = i % 7 == 0 ? null : principals[i % principals.Length],
                PrincipalName = "name",
                KeyId = "ak_" + (i % 4),
                Action = i % 5 == 0 ? "key.revoke" : AuditActions.ProxyRequest,
                Target = "route",
                Outcome = i % 6 == 0 ? "failure" : "success",
                Status = i % 6 == 0 ? 403 : 200,
                Method = "GET",
                LatencyMs = i * 0.5,
                ClientIp = "10.0.0.1",
                TraceId = $"trace{i}",
            });
        }

        // Shuffled, and in two batches: the table's order must come from the key, not from insertion.
        var shuffled = events.OrderBy(_ => random.Next()).ToList();
        var store = new SqliteAuditStore(path);
        await store.AppendRequestsAsync(shuffled[..40], [], CancellationToken.None);
        await store.AppendAsync(shuffled[40..], CancellationToken.None);
        return path;
    }

    private static string RandomId(Random random)
    {
        const string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        return AuditCursor.IdPrefix + new string(Enumerable.Range(0, AuditCursor.IdLength).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
    }

    private static async Task<List<AuditPage>> ReadAllPagesAsync(SqliteAuditStore store, AuditQuery query)
    {
        var pages = new List<AuditPage>();
        (long, string)? before = null;
        do
        {
            var page = await store.QueryAsync(query with { Before = before }, CancellationToken.None);
            pages.Add(page);
            before = null;
            if (page.NextCursor is { } cursor)
            {
                Assert.True(AuditCursor.TryDecode(cursor, out var position));
                before = position;
            }
        }
        while (before is not null);

        return pages;
    }

    internal static async Task<long> ScalarAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    internal static async Task<string> PlanAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        await using var reader = await command.ExecuteReaderAsync();
        var plan = new List<string>();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(3));
        }

        return string.Join('\n', plan);
    }
}
