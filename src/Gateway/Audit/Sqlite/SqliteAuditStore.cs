using System.Collections.Concurrent;
using Gateway.Accounts;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Gateway.Audit.Sqlite;

/// <summary>
/// The embedded audit store: table <c>audit_events</c> in the gateway's SQLite file (its schema is migrated with the
/// account store's; one B-tree keyed by <c>(time, id)</c>, migration 6 of
/// <see cref="Gateway.Accounts.Sqlite.SqliteSchema"/>). Admin appends are one transaction with <c>synchronous=FULL</c>. Request batches are one transaction with <c>synchronous=NORMAL</c>
/// (in WAL mode: safe from a process crash, a power loss may lose the last batches, never corrupt the file) holding
/// the events (one prepared insert), the keys' <c>last_used_at</c> (at <see cref="LastUsed.Resolution"/>) and the
/// per-minute usage rows of table <c>key_usage</c> (created here when missing: key id, minute since the epoch,
/// requests, denied; purged with the events).
/// </summary>
public sealed class SqliteAuditStore : IAuditStore
{
    private const string Columns =
        "id, time, kind, principal_id, principal_name, key_id, action, target, outcome, status, method, latency_ms, client_ip, trace_id, details";

    private const string InsertSql =
        "INSERT INTO audit_events (" + Columns + ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15);";

    private const string TouchSql =
        "UPDATE api_keys SET last_used_at = ?2 WHERE id = ?1 AND (last_used_at IS NULL OR last_used_at <= ?2 - ?3);";

    private const string CountSql = """
        INSERT INTO key_usage (key_id, minute, requests, denied) VALUES (?1, ?2, ?3, ?4)
        ON CONFLICT (key_id, minute) DO UPDATE SET requests = requests + excluded.requests, denied = denied + excluded.denied;
        """;

    private readonly string _connectionString;

    // The last_used_at this store committed per key (ms since the epoch). A touch at `at` changes nothing while the row
    // holds a value above at − resolution, and the row holds at least what was committed here (only later values are
    // ever written), so a key committed within the resolution is not touched again: with many keys in use that was
    // one UPDATE per key per flush. Entries older than the resolution are pruned once per resolution period.
    private readonly ConcurrentDictionary<string, long> _lastUsedCommitted = new(StringComparer.Ordinal);
    private long _nextPrune;
    private bool _usageTableReady;

    /// <summary>Creates a store over the database file at <paramref name="path"/>.</summary>
    public SqliteAuditStore(string path) =>
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();

    /// <inheritdoc />
    public async Task AppendAsync(IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        Insert(connection, events); // on the connection's handle, inside its open transaction
        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> AppendRequestsAsync(IReadOnlyList<AuditEvent> events, IReadOnlyList<KeyUsage> usage, CancellationToken cancellationToken)
    {
        if (events.Count == 0 && usage.Count == 0)
        {
            return true;
        }

        await using var connection = await OpenAsync(cancellationToken, "NORMAL");
        await EnsureUsageTableAsync(connection, cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        Insert(connection, events); // on the connection's handle, inside its open transaction
        var touched = Count(connection, usage);
        await transaction.CommitAsync(cancellationToken);
        RememberTouched(touched);
        return true;
    }

    /// <summary>Requests and denials of <paramref name="keyId"/> per minute since <paramref name="since"/>, oldest first.</summary>
    public async Task<IReadOnlyList<(DateTimeOffset Minute, long Requests, long Denied)>> GetKeyUsageAsync(
        string keyId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await EnsureUsageTableAsync(connection, cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT minute, requests, denied FROM key_usage WHERE key_id = $id AND minute >= $since ORDER BY minute;";
        command.Parameters.AddWithValue("$id", keyId);
        command.Parameters.AddWithValue("$since", since.ToUnixTimeMilliseconds() / 60_000);
        var rows = new List<(DateTimeOffset, long, long)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0) * 60_000), reader.GetInt64(1), reader.GetInt64(2)));
        }

        return rows;
    }

    /// <inheritdoc />
    public async Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = QuerySql(query);
        if (query.PrincipalId is { } principal)
        {
            command.Parameters.AddWithValue("$principal", principal);
        }

        if (query.Action is { } action)
        {
            command.Parameters.AddWithValue("$action", action);
        }

        if (query.Since is { } since)
        {
            command.Parameters.AddWithValue("$since", since.ToUnixTimeMilliseconds());
        }

        if (query.Before is { } before)
        {
            command.Parameters.AddWithValue("$beforeTime", before.TimeMs);
            command.Parameters.AddWithValue("$beforeId", before.Id);
        }

        command.Parameters.AddWithValue("$limit", query.Limit + 1);

        var items = new List<AuditEvent>(query.Limit + 1);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new AuditEvent
            {
                Id = reader.GetString(0),
                Time = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                Kind = reader.GetString(2),
                PrincipalId = Text(reader, 3),
                PrincipalName = Text(reader, 4),
                KeyId = Text(reader, 5),
                Action = reader.GetString(6),
                Target = Text(reader, 7),
                Outcome = reader.GetString(8),
                Status = reader.GetInt32(9),
                Method = Text(reader, 10),
                LatencyMs = reader.IsDBNull(11) ? null : reader.GetDouble(11),
                ClientIp = Text(reader, 12),
                TraceId = Text(reader, 13),
                Details = AuditDetails.Parse(Text(reader, 14)),
            });
        }

        if (items.Count <= query.Limit)
        {
            return new AuditPage(items, null);
        }

        items.RemoveAt(items.Count - 1);
        return new AuditPage(items, AuditCursor.Encode(items[^1]));
    }

    /// <summary>
    /// The page's statement, naming only the filters <paramref name="query"/> sets: the time bounds (<c>since</c>, and
    /// the cursor as the row value <c>(time, id) &lt; (…)</c>) are then a range of the table's key, so a page seeks to
    /// its first row instead of walking every newer one. Principal and action filter the rows the key order yields.
    /// </summary>
    private static string QuerySql(AuditQuery query)
    {
        var where = new List<string>(4);
        if (query.PrincipalId is not null)
        {
            where.Add("principal_id = $principal");
        }

        if (query.Action is not null)
        {
            where.Add("action = $action");
        }

        if (query.Since is not null)
        {
            where.Add("time >= $since");
        }

        if (query.Before is not null)
        {
            where.Add("(time, id) < ($beforeTime, $beforeId)");
        }

        var filter = where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where);
        return $"SELECT {Columns} FROM audit_events{filter} ORDER BY time DESC, id DESC LIMIT $limit;";
    }

    /// <inheritdoc />
    public async Task<int> PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        await EnsureUsageTableAsync(connection, cancellationToken);
        await using (var usage = connection.CreateCommand())
        {
            usage.CommandText = "DELETE FROM key_usage WHERE minute < $beforeMinute;";
            usage.Parameters.AddWithValue("$beforeMinute", before.ToUnixTimeMilliseconds() / 60_000);
            await usage.ExecuteNonQueryAsync(cancellationToken);
        }

        command.CommandText = "DELETE FROM audit_events WHERE time < $before;";
        command.Parameters.AddWithValue("$before", before.ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Inserts <paramref name="events"/> with one statement prepared per batch and bound by position on the connection's
    /// native handle: Microsoft.Data.Sqlite would look every parameter up by name, box every number and build a
    /// reader on each execution, which made the per-event share of a batch cost more than SQLite's own insert.
    /// </summary>
    private static void Insert(SqliteConnection connection, IReadOnlyList<AuditEvent> events)
    {
        if (events.Count == 0)
        {
            return;
        }

        var db = connection.Handle!;
        using var statement = Prepare(db, InsertSql);
        // The text each parameter holds: a reset keeps the bindings, and the request events of a batch mostly share
        // their kind, action, route, outcome, method and client address objects (often the principal's too), so a
        // value that is the very object already bound is not converted and copied again. Unbound means NULL.
        var bound = new string?[16];
        foreach (var e in events)
        {
            BindText(statement, 1, e.Id, bound);
            raw.sqlite3_bind_int64(statement, 2, e.Time.ToUnixTimeMilliseconds());
            BindText(statement, 3, e.Kind, bound);
            BindText(statement, 4, e.PrincipalId, bound);
            BindText(statement, 5, e.PrincipalName, bound);
            BindText(statement, 6, e.KeyId, bound);
            BindText(statement, 7, e.Action, bound);
            BindText(statement, 8, e.Target, bound);
            BindText(statement, 9, e.Outcome, bound);
            raw.sqlite3_bind_int(statement, 10, e.Status);
            BindText(statement, 11, e.Method, bound);
            _ = e.LatencyMs is { } latency ? raw.sqlite3_bind_double(statement, 12, latency) : raw.sqlite3_bind_null(statement, 12);
            BindText(statement, 13, e.ClientIp, bound);
            BindText(statement, 14, e.TraceId, bound);
            BindText(statement, 15, AuditDetails.Format(e.Details), bound);
            Step(db, statement);
        }
    }

    /// <summary>
    /// Each key's <c>last_used_at</c> (unless committed within the resolution) and per-minute counts, on the native
    /// handle like <see cref="Insert"/>; returns the keys whose <c>last_used_at</c> this transaction set.
    /// </summary>
    private List<(string KeyId, long At)>? Count(SqliteConnection connection, IReadOnlyList<KeyUsage> usage)
    {
        List<(string, long)>? touched = null;
        if (usage.Count > 0)
        {
            var db = connection.Handle!;
            using var touch = Prepare(db, TouchSql);
            using var count = Prepare(db, CountSql);
            raw.sqlite3_bind_int64(touch, 3, LastUsed.ResolutionMilliseconds);
            foreach (var u in usage)
            {
                var at = u.LastUsed.ToUnixTimeMilliseconds();
                if (!_lastUsedCommitted.TryGetValue(u.KeyId, out var committed) || committed <= at - LastUsed.ResolutionMilliseconds)
                {
                    BindText(touch, 1, u.KeyId);
                    raw.sqlite3_bind_int64(touch, 2, at);
                    Step(db, touch);
                    if (raw.sqlite3_changes(db) > 0)
                    {
                        (touched ??= []).Add((u.KeyId, at));
                    }
                }

                BindText(count, 1, u.KeyId);
                raw.sqlite3_bind_int64(count, 2, at / 60_000);
                raw.sqlite3_bind_int64(count, 3, u.Requests);
                raw.sqlite3_bind_int64(count, 4, u.Denied);
                Step(db, count);
            }
        }

        return touched;
    }

    // After the commit only: a value rolled back must not stop the next flush from writing it.
    private void RememberTouched(List<(string KeyId, long At)>? touched)
    {
        if (touched is null)
        {
            return;
        }

        var latest = 0L;
        foreach (var (keyId, at) in touched)
        {
            _lastUsedCommitted.AddOrUpdate(keyId, static (_, at) => at, static (_, seen, at) => Math.Max(seen, at), at);
            latest = Math.Max(latest, at);
        }

        if (latest >= _nextPrune)
        {
            _nextPrune = latest + LastUsed.ResolutionMilliseconds;
            foreach (var (keyId, at) in _lastUsedCommitted)
            {
                if (at <= latest - LastUsed.ResolutionMilliseconds)
                {
                    _lastUsedCommitted.TryRemove(keyId, out _);
                }
            }
        }
    }

    private static sqlite3_stmt Prepare(sqlite3 db, string sql)
    {
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(db, sql, out var statement), db);
        return statement;
    }

    private static void Step(sqlite3 db, sqlite3_stmt statement)
    {
        var rc = raw.sqlite3_step(statement);
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }

        raw.sqlite3_reset(statement);
    }

    private static void BindText(sqlite3_stmt statement, int index, string? value, string?[] bound)
    {
        if (ReferenceEquals(bound[index], value))
        {
            return;
        }

        bound[index] = value;
        BindText(statement, index, value);
    }

    private static void BindText(sqlite3_stmt statement, int index, string? value)
    {
        if (value is null)
        {
            raw.sqlite3_bind_null(statement, index);
        }
        else
        {
            raw.sqlite3_bind_text16(statement, index, value.AsSpan());
        }
    }

    private async Task EnsureUsageTableAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _usageTableReady))
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS key_usage (
                key_id TEXT NOT NULL, minute INTEGER NOT NULL, requests INTEGER NOT NULL, denied INTEGER NOT NULL,
                PRIMARY KEY (key_id, minute)) WITHOUT ROWID;
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);
        Volatile.Write(ref _usageTableReady, true);
    }

    private static string? Text(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken, string synchronous = "FULL")
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = $"PRAGMA synchronous={synchronous};";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }
}
