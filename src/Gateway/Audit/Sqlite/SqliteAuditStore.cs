using Microsoft.Data.Sqlite;

namespace Gateway.Audit.Sqlite;

/// <summary>
/// The embedded audit store: table <c>audit_events</c> in the gateway's SQLite file (its schema is migrated with the
/// account store's). Admin appends are one transaction with <c>synchronous=FULL</c>. Request batches are one
/// transaction with <c>synchronous=NORMAL</c> (in WAL mode: safe from a process crash, a power loss may lose the
/// last batches, never corrupt the file) holding the events (one prepared insert), the keys' <c>last_used_at</c> and
/// the per-minute usage rows of table <c>key_usage</c> (created here when missing: key id, minute since the epoch,
/// requests, denied; purged with the events).
/// </summary>
public sealed class SqliteAuditStore : IAuditStore
{
    private const string Columns =
        "id, time, kind, principal_id, principal_name, key_id, action, target, outcome, status, method, latency_ms, client_ip, trace_id, details";

    private readonly string _connectionString;
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
        await InsertAsync(connection, transaction, events, cancellationToken);
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
        await InsertAsync(connection, transaction, events, cancellationToken);
        if (usage.Count > 0)
        {
            await using var touch = connection.CreateCommand();
            touch.Transaction = transaction;
            touch.CommandText = "UPDATE api_keys SET last_used_at = $at WHERE id = $id AND (last_used_at IS NULL OR last_used_at < $at);";
            var touchId = touch.Parameters.Add("$id", SqliteType.Text);
            var touchAt = touch.Parameters.Add("$at", SqliteType.Integer);
            await using var count = connection.CreateCommand();
            count.Transaction = transaction;
            count.CommandText = """
                INSERT INTO key_usage (key_id, minute, requests, denied) VALUES ($id, $minute, $requests, $denied)
                ON CONFLICT (key_id, minute) DO UPDATE SET requests = requests + excluded.requests, denied = denied + excluded.denied;
                """;
            var countId = count.Parameters.Add("$id", SqliteType.Text);
            var minute = count.Parameters.Add("$minute", SqliteType.Integer);
            var requests = count.Parameters.Add("$requests", SqliteType.Integer);
            var denied = count.Parameters.Add("$denied", SqliteType.Integer);
            touch.Prepare();
            count.Prepare();
            foreach (var u in usage)
            {
                var at = u.LastUsed.ToUnixTimeMilliseconds();
                touchId.Value = u.KeyId;
                touchAt.Value = at;
                await touch.ExecuteNonQueryAsync(cancellationToken);
                countId.Value = u.KeyId;
                minute.Value = at / 60_000;
                requests.Value = u.Requests;
                denied.Value = u.Denied;
                await count.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
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
        command.CommandText = $"""
            SELECT {Columns} FROM audit_events
            WHERE ($principal IS NULL OR principal_id = $principal)
              AND ($action IS NULL OR action = $action)
              AND ($since IS NULL OR time >= $since)
              AND ($beforeTime IS NULL OR time < $beforeTime OR (time = $beforeTime AND id < $beforeId))
            ORDER BY time DESC, id DESC
            LIMIT $limit;
            """;
        command.Parameters.AddWithValue("$principal", (object?)query.PrincipalId ?? DBNull.Value);
        command.Parameters.AddWithValue("$action", (object?)query.Action ?? DBNull.Value);
        command.Parameters.AddWithValue("$since", query.Since is { } s ? s.ToUnixTimeMilliseconds() : DBNull.Value);
        command.Parameters.AddWithValue("$beforeTime", query.Before is { } b ? b.TimeMs : DBNull.Value);
        command.Parameters.AddWithValue("$beforeId", query.Before is { } c ? c.Id : DBNull.Value);
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

    private static async Task InsertAsync(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<AuditEvent> events,
        CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO audit_events ({Columns}) VALUES ($id, $time, $kind, $principal, $name, $key, $action, $target, $outcome, $status, $method, $latency, $ip, $trace, $details);";
        var p = new[] { "$id", "$time", "$kind", "$principal", "$name", "$key", "$action", "$target", "$outcome", "$status", "$method", "$latency", "$ip", "$trace", "$details" }
            .Select(name => command.Parameters.Add(new SqliteParameter { ParameterName = name })).ToArray();
        command.Prepare();
        foreach (var e in events)
        {
            object?[] values = [e.Id, e.Time.ToUnixTimeMilliseconds(), e.Kind, e.PrincipalId, e.PrincipalName, e.KeyId, e.Action, e.Target,
                e.Outcome, e.Status, e.Method, e.LatencyMs, e.ClientIp, e.TraceId, AuditDetails.Format(e.Details)];
            for (var i = 0; i < values.Length; i++)
            {
                p[i].Value = values[i] ?? DBNull.Value;
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
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
