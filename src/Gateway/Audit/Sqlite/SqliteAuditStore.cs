using Microsoft.Data.Sqlite;

namespace Gateway.Audit.Sqlite;

/// <summary>
/// The embedded audit store: table <c>audit_events</c> in the gateway's SQLite file (its schema is migrated with the
/// account store's). Appends are one transaction with <c>synchronous=FULL</c>.
/// </summary>
public sealed class SqliteAuditStore : IAuditStore
{
    private const string Columns =
        "id, time, kind, principal_id, principal_name, key_id, action, target, outcome, status, method, latency_ms, client_ip, trace_id";

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
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO audit_events ({Columns}) VALUES ($id, $time, $kind, $principal, $name, $key, $action, $target, $outcome, $status, $method, $latency, $ip, $trace);";
        var p = new[] { "$id", "$time", "$kind", "$principal", "$name", "$key", "$action", "$target", "$outcome", "$status", "$method", "$latency", "$ip", "$trace" }
            .Select(name => command.Parameters.Add(new SqliteParameter { ParameterName = name })).ToArray();
        foreach (var e in events)
        {
            object?[] values = [e.Id, e.Time.ToUnixTimeMilliseconds(), e.Kind, e.PrincipalId, e.PrincipalName, e.KeyId, e.Action, e.Target,
                e.Outcome, e.Status, e.Method, e.LatencyMs, e.ClientIp, e.TraceId];
            for (var i = 0; i < values.Length; i++)
            {
                p[i].Value = values[i] ?? DBNull.Value;
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
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
        command.CommandText = "DELETE FROM audit_events WHERE time < $before;";
        command.Parameters.AddWithValue("$before", before.ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string? Text(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous=FULL;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }
}
