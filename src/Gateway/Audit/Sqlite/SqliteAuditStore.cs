using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Gateway.Accounts;
using Gateway.Accounts.Sqlite;
using Gateway.Telemetry.TraceContext;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Gateway.Audit.Sqlite;

/// <summary>
/// The embedded audit store: table <c>audit_events</c> in the gateway's SQLite file (its schema is migrated with the
/// account store's; one B-tree keyed by <c>(time, id)</c>, migration 6 of
/// <see cref="Gateway.Accounts.Sqlite.SqliteSchema"/>). Admin appends are one transaction with <c>synchronous=FULL</c>. Request batches are one transaction with <c>synchronous=NORMAL</c>
/// (in WAL mode: safe from a process crash, a power loss may lose the last batches, never corrupt the file) holding
/// the events (one prepared insert) and the per-minute usage rows of table <c>key_usage</c> (minute since the epoch,
/// key id, requests, denied, the newest use in that minute; purged with the events). Both tables are migration 7:
/// narrow rows, and usage keyed by minute first, so a flush over thousands of keys dirties few pages
/// (docs/PERFORMANCE.md, "Hot path, ninth pass: SQLite under a wide key stream"). The keys' last use (table
/// <c>key_last_used</c>) is not raised by the flush but by <see cref="FoldUsageAsync"/>, which folds complete minutes
/// into it in key order (migration 8; docs/PERFORMANCE.md, "Hot path, twelfth pass: the last-use fold"); only a late
/// usage row, of a minute already folded, raises it in the flush.
/// </summary>
public sealed class SqliteAuditStore : IAuditStore, IKeyUsageFold
{
    private const string Columns =
        "id, time, kind, principal_id, principal_name, key_id, action, target, outcome, status, method, latency_ms, client_ip, trace_id, details";

    private const int InsertColumns = 15;

    private const string InsertSql =
        "INSERT INTO audit_events (" + Columns + ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15);";

    // A bound value that is no string (UTF-8 bytes written from a number): the next string bound there is bound again.
    private static readonly string BoundBytes = new('\0', 1);

    // The usage statements take this many keys each (the last one of a write the rest): one step, one cursor and one
    // statement journal per chunk instead of per key; 5 × 64 parameters stay far below SQLite's limit.
    private const int UsageChunk = 64;

    private static readonly string TouchChunkSql = TouchSql(UsageChunk);

    // The fold's steps (FoldUsageAsync): its cursor; the first minute held from the cursor's on; the size and last key of
    // the next chunk of that minute; the chunk folded (a minute's rows are in key order, so key_last_used is swept in
    // order, each page dirtied once a chunk); the cursor moved on, in the same transaction.
    private const string FoldCursorSql = "SELECT minute, key_id FROM key_usage_fold;";
    private const string FoldMinuteSql = "SELECT min(minute) FROM key_usage WHERE minute >= $cursor;";
    private const string FoldChunkSql =
        "SELECT count(*), max(key_id) FROM (SELECT key_id FROM key_usage WHERE minute = $minute AND key_id > $after ORDER BY key_id LIMIT $rows);";
    private const string FoldSql = """
        INSERT INTO key_last_used (key_id, at)
            SELECT key_id, last_ms FROM key_usage WHERE minute = $minute AND key_id > $after AND key_id <= $last AND last_ms IS NOT NULL
        ON CONFLICT (key_id) DO UPDATE SET at = excluded.at WHERE excluded.at > at;
        """;
    private const string FoldMoveSql = "UPDATE key_usage_fold SET minute = $minute, key_id = $key;";
    private static readonly string CountChunkSql = CountSql(UsageChunk);

    // One seek of the (minute, key_id) key per minute of the range (bounded by the minutes the table holds), rather
    // than a scan of every key's rows since `since`.
    private const string UsageSql = """
        WITH RECURSIVE
            bounds (first, last) AS (SELECT max($since, (SELECT min(minute) FROM key_usage)), (SELECT max(minute) FROM key_usage)),
            minutes (minute) AS (SELECT first FROM bounds WHERE last IS NOT NULL UNION ALL
                SELECT minutes.minute + 1 FROM minutes, bounds WHERE minutes.minute < bounds.last)
        SELECT u.minute, u.requests, u.denied FROM minutes JOIN key_usage u ON u.minute = minutes.minute AND u.key_id = $id
        ORDER BY u.minute;
        """;

    /// <summary>Rows one purge statement deletes: ≈ 0.3 ms of SQLite work, so the writer yields between them.</summary>
    internal const int PurgePiece = 256;

    // The two tables retention purges, each by its key: the oldest first.
    private static readonly PurgeTable PurgeUsage = new("key_usage", "minute", "key_id");
    private static readonly PurgeTable PurgeEvents = new("audit_events", "time", "id");

    private readonly string _connectionString;

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
        var share = new CoreShare();
        Insert(connection, events, ref share); // on the connection's handle, inside its open transaction
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
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        // Both give the core away every few rows (CoreShare): a batch is milliseconds of work on the writer's thread.
        var share = new CoreShare();
        Insert(connection, events, ref share); // on the connection's handle, inside its open transaction
        Count(connection, usage, ref share);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Requests and denials of <paramref name="keyId"/> per minute since <paramref name="since"/>, oldest first.</summary>
    public async Task<IReadOnlyList<(DateTimeOffset Minute, long Requests, long Denied)>> GetKeyUsageAsync(
        string keyId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = UsageSql;
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
    /// <remarks>
    /// One transaction (at <c>synchronous=NORMAL</c>: a purge a power loss undoes is done again) deleting the oldest
    /// rows of <c>key_usage</c>, then of <c>audit_events</c>, in statements of <see cref="PurgePiece"/> rows, giving the
    /// core away between them (<see cref="CoreShare"/>). Each statement finds the piece's last key, then deletes the
    /// range of the table's key up to it: both tables are keyed by time first, so the rows go from the start of one
    /// B-tree. Before it deletes, it folds every minute before <paramref name="before"/> into <c>key_last_used</c>:
    /// a key's last use must not go with the minute that held it.
    /// </remarks>
    public async Task<int> PurgeAsync(DateTimeOffset before, int maxRows, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRows, 1);
        while (await FoldUsageAsync(before, 8192, cancellationToken))
        {
        }

        await using var connection = await OpenAsync(cancellationToken, "NORMAL");
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var share = new CoreShare();
        var deleted = DeleteOldest(connection, PurgeUsage, before.ToUnixTimeMilliseconds() / 60_000, maxRows, ref share);
        deleted += DeleteOldest(connection, PurgeEvents, before.ToUnixTimeMilliseconds(), maxRows - deleted, ref share);
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    /// <summary>
    /// Deletes at most <paramref name="maxRows"/> of the oldest rows of <paramref name="table"/> whose first key column is
    /// below <paramref name="before"/>, a piece at a time, inside the connection's open transaction; returns how many.
    /// </summary>
    private static int DeleteOldest(SqliteConnection connection, PurgeTable table, long before, int maxRows, ref CoreShare share)
    {
        if (maxRows <= 0)
        {
            return 0;
        }

        using var last = connection.CreateCommand();
        last.CommandText = $"SELECT {table.First}, {table.Second} FROM {table.Name} WHERE {table.First} < $before " +
            $"ORDER BY {table.First}, {table.Second} LIMIT 1 OFFSET $offset;";
        last.Parameters.AddWithValue("$before", before);
        var offset = last.Parameters.Add("$offset", SqliteType.Integer);
        using var upTo = connection.CreateCommand();
        upTo.CommandText = $"DELETE FROM {table.Name} WHERE {table.First} <= $first AND ({table.First}, {table.Second}) <= ($first, $second);";
        var first = upTo.Parameters.Add("$first", SqliteType.Integer);
        var second = upTo.Parameters.Add("$second", SqliteType.Text);
        var deleted = 0;
        while (deleted < maxRows)
        {
            var piece = Math.Min(PurgePiece, maxRows - deleted);
            offset.Value = piece - 1;
            bool full;
            using (var reader = last.ExecuteReader())
            {
                full = reader.Read();
                if (full)
                {
                    first.Value = reader.GetInt64(0);
                    second.Value = reader.GetString(1);
                }
            }

            if (!full)
            {
                // Fewer than a piece left: the rest of the range.
                using var rest = connection.CreateCommand();
                rest.CommandText = $"DELETE FROM {table.Name} WHERE {table.First} < $before;";
                rest.Parameters.AddWithValue("$before", before);
                return deleted + rest.ExecuteNonQuery();
            }

            deleted += upTo.ExecuteNonQuery();
            share.Wrote(piece);
        }

        return deleted;
    }

    /// <inheritdoc />
    public async Task<bool> FoldUsageAsync(DateTimeOffset before, int maxRows, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRows, 1);
        var beforeMinute = before.ToUnixTimeMilliseconds() / 60_000;
        await using var connection = await OpenAsync(cancellationToken, "NORMAL");
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        long cursorMinute;
        string after;
        await using (var cursor = connection.CreateCommand())
        {
            cursor.CommandText = FoldCursorSql;
            await using var reader = await cursor.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return false;
            }

            cursorMinute = reader.GetInt64(0);
            after = reader.IsDBNull(1) ? "" : reader.GetString(1); // "": before every id
        }

        await using var next = connection.CreateCommand();
        next.CommandText = FoldMinuteSql;
        next.Parameters.AddWithValue("$cursor", cursorMinute);
        if (await next.ExecuteScalarAsync(cancellationToken) is not long minute || minute >= beforeMinute)
        {
            return false; // nothing held from the cursor on, or only minutes that a write may still add to
        }

        if (minute != cursorMinute)
        {
            after = "";
        }

        await using var chunk = connection.CreateCommand();
        chunk.CommandText = FoldChunkSql;
        chunk.Parameters.AddWithValue("$minute", minute);
        chunk.Parameters.AddWithValue("$after", after);
        chunk.Parameters.AddWithValue("$rows", maxRows);
        long rows;
        string? last;
        await using (var reader = await chunk.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            rows = reader.GetInt64(0);
            last = reader.IsDBNull(1) ? null : reader.GetString(1);
        }

        if (last is not null)
        {
            await using var fold = connection.CreateCommand();
            fold.CommandText = FoldSql;
            fold.Parameters.AddWithValue("$minute", minute);
            fold.Parameters.AddWithValue("$after", after);
            fold.Parameters.AddWithValue("$last", last);
            await fold.ExecuteNonQueryAsync(cancellationToken);
        }

        // A short chunk ended the minute: the cursor moves to the next one, with none of it folded.
        var done = rows < maxRows;
        await using var move = connection.CreateCommand();
        move.CommandText = FoldMoveSql;
        move.Parameters.AddWithValue("$minute", done ? minute + 1 : minute);
        move.Parameters.AddWithValue("$key", done ? DBNull.Value : last!);
        await move.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Inserts <paramref name="events"/> with one statement prepared per batch and bound by position on the connection's
    /// native handle: Microsoft.Data.Sqlite would look every parameter up by name, box every number and build a
    /// reader on each execution, which made the per-event share of a batch cost more than SQLite's own insert. An id or
    /// trace id the event holds as a number is written as UTF-8 straight into the bound value (the file's encoding:
    /// SQLite neither converts nor reallocates it), so no string is made of it. (Multi-row statements, as the usage
    /// upserts have, measured dearer per event for this 15-column row: docs/PERFORMANCE.md, "Hot path, eleventh pass:
    /// what a request's audit event costs".)
    /// </summary>
    private static void Insert(SqliteConnection connection, IReadOnlyList<AuditEvent> events, ref CoreShare share)
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
        var bound = new string?[InsertColumns + 1];
        Span<byte> utf8 = stackalloc byte[Math.Max(AuditEventIds.Length, TraceParent.TraceIdLength)];
        foreach (var e in events)
        {
            Bind(statement, e, bound, utf8);
            Step(db, statement);
            share.Wrote();
        }
    }

    /// <summary>Binds one event's <see cref="InsertColumns"/> values.</summary>
    private static void Bind(sqlite3_stmt statement, AuditEvent e, string?[] bound, Span<byte> utf8)
    {
        if (e.TryWriteId(utf8))
        {
            BindUtf8(statement, 1, utf8[..AuditEventIds.Length], bound);
        }
        else
        {
            BindText(statement, 1, e.Id, bound);
        }

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
        if (e.TryWriteTraceId(utf8))
        {
            BindUtf8(statement, 14, utf8[..TraceParent.TraceIdLength], bound);
        }
        else
        {
            BindText(statement, 14, e.TraceId, bound);
        }

        BindText(statement, 15, AuditDetails.Format(e.Details), bound);
    }

    /// <summary>
    /// Each key's per-minute counts and newest use in that minute, on the native handle like <see cref="Insert"/>, in
    /// (minute, key id) order: the usage rows of a flush then go in at the end of <c>key_usage</c> one after another.
    /// <c>key_last_used</c> is left to the fold (<see cref="FoldUsageAsync"/>), except for the rows of a minute the fold
    /// has already passed (a late write, e.g. after a long stall): those raise it here, exactly, in key order. A key
    /// unknown to <c>api_keys</c> (deleted since its use was counted) may leave a row in <c>key_last_used</c> that
    /// nothing reads: key ids are never reused. The upserts go in multi-row statements of <see cref="UsageChunk"/>
    /// keys, the key ids bound as UTF-8 (docs/PERFORMANCE.md, "Hot path, tenth pass: what a wide key stream costs per
    /// request") and the rows sorted by numbers they hold (<see cref="UsageRow"/>).
    /// </summary>
    private static void Count(SqliteConnection connection, IReadOnlyList<KeyUsage> usage, ref CoreShare share)
    {
        if (usage.Count == 0)
        {
            return;
        }

        var rows = ArrayPool<UsageRow>.Shared.Rent(usage.Count);
        var keyBytes = 0;
        for (var i = 0; i < usage.Count; i++)
        {
            keyBytes += Encoding.UTF8.GetMaxByteCount(usage[i].KeyId.Length);
        }

        var utf8 = ArrayPool<byte>.Shared.Rent(keyBytes);
        try
        {
            // Each key's minute and time computed once, and its id encoded once into UTF-8 (the database's encoding,
            // so SQLite neither converts nor reallocates it) for both statements.
            var used = 0;
            for (var i = 0; i < usage.Count; i++)
            {
                var u = usage[i];
                var length = Encoding.UTF8.GetBytes(u.KeyId, utf8.AsSpan(used));
                rows[i] = new UsageRow(utf8.AsSpan(used, length), used, u.LastUsed.ToUnixTimeMilliseconds(), u.Requests, u.Denied);
                used += length;
            }

            var span = rows.AsSpan(0, usage.Count);
            span.Sort();
            var db = connection.Handle!;
            WriteUsage(db, span, utf8, lastUse: false, ref share);
            TouchLate(db, span, utf8, ref share);
        }
        finally
        {
            ArrayPool<UsageRow>.Shared.Return(rows);
            ArrayPool<byte>.Shared.Return(utf8);
        }
    }

    /// <summary>
    /// Raises <c>key_last_used</c> for the rows of <paramref name="rows"/> the fold has already passed (its cursor is read
    /// after the usage upserts, inside the write's transaction, so no fold can move it in between). Almost always none:
    /// the fold stays two minutes behind the clock, a flush at most one usage interval.
    /// </summary>
    private static void TouchLate(sqlite3 db, ReadOnlySpan<UsageRow> rows, byte[] utf8, ref CoreShare share)
    {
        long cursorMinute;
        byte[]? cursorKey = null;
        using (var cursor = Prepare(db, FoldCursorSql))
        {
            if (raw.sqlite3_step(cursor) != raw.SQLITE_ROW)
            {
                return;
            }

            cursorMinute = raw.sqlite3_column_int64(cursor, 0);
            if (raw.sqlite3_column_type(cursor, 1) != raw.SQLITE_NULL)
            {
                cursorKey = raw.sqlite3_column_blob(cursor, 1).ToArray();
            }
        }

        if (rows[0].Minute > cursorMinute)
        {
            return; // sorted by minute: every row is in a minute the fold has not reached
        }

        var late = ArrayPool<UsageRow>.Shared.Rent(rows.Length);
        try
        {
            var count = 0;
            foreach (ref readonly var row in rows)
            {
                // The fold's order is SQLite's BINARY order of the ids' UTF-8 bytes, which SequenceCompareTo is.
                if (row.Minute < cursorMinute || (row.Minute == cursorMinute && cursorKey is not null &&
                    utf8.AsSpan(row.KeyStart, row.KeyLength).SequenceCompareTo(cursorKey) <= 0))
                {
                    late[count++] = row;
                }
            }

            if (count > 0)
            {
                WriteUsage(db, late.AsSpan(0, count), utf8, lastUse: true, ref share);
            }
        }
        finally
        {
            ArrayPool<UsageRow>.Shared.Return(late);
        }
    }

    /// <summary>
    /// The late rows' last-use upserts (<paramref name="lastUse"/>) or usage upserts in statements of
    /// <see cref="UsageChunk"/> rows — one prepared per write, reused for every full chunk — and one of the rest.
    /// </summary>
    private static void WriteUsage(sqlite3 db, ReadOnlySpan<UsageRow> rows, byte[] utf8, bool lastUse, ref CoreShare share)
    {
        sqlite3_stmt? full = null;
        try
        {
            for (var start = 0; start < rows.Length; start += UsageChunk)
            {
                var chunk = rows.Slice(start, Math.Min(UsageChunk, rows.Length - start));
                var statement = chunk.Length == UsageChunk
                    ? full ??= Prepare(db, lastUse ? TouchChunkSql : CountChunkSql)
                    : Prepare(db, lastUse ? TouchSql(chunk.Length) : CountSql(chunk.Length));
                try
                {
                    var p = 1;
                    foreach (ref readonly var row in chunk)
                    {
                        var key = utf8.AsSpan(row.KeyStart, row.KeyLength);
                        if (lastUse)
                        {
                            raw.sqlite3_bind_text(statement, p++, key);
                            raw.sqlite3_bind_int64(statement, p++, row.LastUsedMs);
                        }
                        else
                        {
                            raw.sqlite3_bind_int64(statement, p++, row.Minute);
                            raw.sqlite3_bind_text(statement, p++, key);
                            raw.sqlite3_bind_int64(statement, p++, row.Requests);
                            raw.sqlite3_bind_int64(statement, p++, row.Denied);
                            raw.sqlite3_bind_int64(statement, p++, row.LastUsedMs);
                        }
                    }

                    Step(db, statement);
                    share.Wrote(chunk.Length);
                }
                finally
                {
                    if (!ReferenceEquals(statement, full))
                    {
                        statement.Dispose();
                    }
                }
            }
        }
        finally
        {
            full?.Dispose();
        }
    }

    private static string TouchSql(int rows) =>
        $"INSERT INTO key_last_used (key_id, at) VALUES {Values(rows, 2)} ON CONFLICT (key_id) DO UPDATE SET at = excluded.at WHERE excluded.at > at;";

    private static string CountSql(int rows) =>
        $"INSERT INTO key_usage (minute, key_id, requests, denied, last_ms) VALUES {Values(rows, 5)} ON CONFLICT (minute, key_id) DO UPDATE SET " +
        "requests = requests + excluded.requests, denied = denied + excluded.denied, last_ms = max(ifnull(last_ms, excluded.last_ms), excluded.last_ms);";

    // "(?1, ?2), (?3, ?4), …": positional parameters, row after row.
    private static string Values(int rows, int columns)
    {
        var sql = new StringBuilder(rows * columns * 6);
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 1; c <= columns; c++)
            {
                sql.Append(c == 1 ? "?" : ", ?").Append((r * columns) + c);
            }

            sql.Append(')');
        }

        return sql.ToString();
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

    private static void BindUtf8(sqlite3_stmt statement, int index, ReadOnlySpan<byte> value, string?[] bound)
    {
        bound[index] = BoundBytes;
        raw.sqlite3_bind_text(statement, index, value);
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

    private static string? Text(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken, string synchronous = "FULL")
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        // Connections are pooled with the account store's, which turns foreign keys on: off here, so that the last use
        // of a key deleted since it was counted is written (a row nothing reads) instead of failing the whole batch.
        pragma.CommandText = $"PRAGMA synchronous={synchronous}; PRAGMA foreign_keys=OFF; {SqliteCheckpointer.NoAutoCheckpoint}";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    /// <summary>
    /// One key's usage as a write binds it: its id's UTF-8 bytes (a range of a shared buffer), minute and time precomputed,
    /// and the id's first 16 bytes as two big-endian numbers. Rows sort in (minute, key id) order by those numbers alone,
    /// through <see cref="IComparable{T}"/>, which the sort calls directly: a comparer (even a struct one) is called
    /// through a delegate, and comparing the ids themselves followed two string references per comparison, scattered
    /// over the heap under a wide stream (docs/PERFORMANCE.md, "Hot path, eleventh pass: what per-key usage bookkeeping
    /// costs under a wide key stream"). That is SQLite's BINARY order of the ids, except that ids equal in their first
    /// 16 bytes keep their order in the write (an issued id, <c>ak_</c> and 16 random characters, has 13 of them there):
    /// the order only places the writes near each other, it changes nothing that is written.
    /// </summary>
    private readonly struct UsageRow : IComparable<UsageRow>
    {
        public readonly long Minute;
        public readonly ulong KeyHigh;
        public readonly ulong KeyLow;
        public readonly int KeyStart;
        public readonly int KeyLength;
        public readonly long LastUsedMs;
        public readonly long Requests;
        public readonly long Denied;

        public UsageRow(ReadOnlySpan<byte> key, int keyStart, long lastUsedMs, long requests, long denied)
        {
            Span<byte> prefix = stackalloc byte[16];
            prefix.Clear();
            key[..Math.Min(key.Length, 16)].CopyTo(prefix);
            KeyHigh = BinaryPrimitives.ReadUInt64BigEndian(prefix);
            KeyLow = BinaryPrimitives.ReadUInt64BigEndian(prefix[8..]);
            KeyStart = keyStart;
            KeyLength = key.Length;
            LastUsedMs = lastUsedMs;
            Minute = lastUsedMs / 60_000;
            Requests = requests;
            Denied = denied;
        }

        public int CompareTo(UsageRow other)
        {
            var order = Minute.CompareTo(other.Minute);
            if (order == 0 && (order = KeyHigh.CompareTo(other.KeyHigh)) == 0 && (order = KeyLow.CompareTo(other.KeyLow)) == 0)
            {
                order = KeyStart.CompareTo(other.KeyStart);
            }

            return order;
        }
    }
}
