using System.Collections.Concurrent;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Gateway.Accounts.Sqlite;

/// <summary>
/// The credential lookup of <see cref="SqliteAccountStore.FindCredentialAsync"/> on read connections of its own, each
/// kept open with the lookup prepared once: a lookup rents one, binds the key id, steps and maps the row. A lookup
/// through a newly opened (pooled) connection paid for two PRAGMAs and for parsing and planning the 25-column JOIN on
/// every call (docs/PERFORMANCE.md, "Hot path, third pass: store misses and runtime knobs"). Read connections are
/// <c>query_only</c>; each statement runs in its own read transaction, so a lookup sees every committed change. At
/// most <see cref="MaxIdle"/> stay open; a connection whose lookup failed is closed, not reused.
/// </summary>
internal sealed class SqliteCredentialReader : IDisposable
{
    private static readonly int MaxIdle = Math.Max(4, Environment.ProcessorCount * 2);

    private readonly string _connectionString;
    private readonly string _sql;
    private readonly ConcurrentBag<ReadConnection> _idle = [];
    private int _idleCount;
    private bool _disposed;

    /// <summary>
    /// Creates the reader over the database of <paramref name="connectionString"/>; connections are opened on first
    /// use, outside Microsoft.Data.Sqlite's pool (a <c>query_only</c> connection must never serve a writer).
    /// </summary>
    public SqliteCredentialReader(string connectionString, string sql)
    {
        _connectionString = new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString();
        _sql = sql;
    }

    /// <summary>The credential of <paramref name="keyId"/>, or <c>null</c>. Throws <see cref="SqliteException"/> as SQLite does.</summary>
    public Credential? Find(string keyId)
    {
        var connection = Rent();
        try
        {
            var credential = connection.Find(keyId);
            Return(connection);
            return credential;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Closes the idle connections; later lookups open new ones.</summary>
    public void Dispose()
    {
        Volatile.Write(ref _disposed, true);
        while (_idle.TryTake(out var connection))
        {
            Interlocked.Decrement(ref _idleCount);
            connection.Dispose();
        }
    }

    private ReadConnection Rent()
    {
        if (_idle.TryTake(out var connection))
        {
            Interlocked.Decrement(ref _idleCount);
            return connection;
        }

        return new ReadConnection(_connectionString, _sql);
    }

    private void Return(ReadConnection connection)
    {
        if (Volatile.Read(ref _disposed) || Interlocked.Increment(ref _idleCount) > MaxIdle)
        {
            if (!Volatile.Read(ref _disposed))
            {
                Interlocked.Decrement(ref _idleCount);
            }

            connection.Dispose();
            return;
        }

        _idle.Add(connection);
    }

    /// <summary>
    /// One open connection and its lookup, prepared once on SQLite's own handle; used by one caller at a time. A lookup
    /// binds the key id (as UTF-8, the database's encoding), steps once and reads the row's columns straight from the
    /// statement (<see cref="SqliteStatementRow"/>), then resets it, which ends the lookup's read transaction:
    /// Microsoft.Data.Sqlite's command and reader added a reader object, a parameter lookup and per-column type checks
    /// to every miss (docs/PERFORMANCE.md, "Hot path, tenth pass: what a wide key stream costs per request").
    /// </summary>
    private sealed class ReadConnection : IDisposable
    {
        private const int MaxStackKeyBytes = 256;

        private readonly SqliteConnection _connection;
        private readonly sqlite3 _db;
        private readonly sqlite3_stmt _statement;

        public ReadConnection(string connectionString, string sql)
        {
            _connection = new SqliteConnection(connectionString);
            try
            {
                _connection.Open();
                using (var pragma = _connection.CreateCommand())
                {
                    // SQLite's busy handler waits out a lock (rare for a WAL reader) for as long as
                    // Microsoft.Data.Sqlite's command would have retried it.
                    pragma.CommandText = $"PRAGMA query_only=1; PRAGMA busy_timeout={_connection.DefaultTimeout * 1000};";
                    pragma.ExecuteNonQuery();
                }

                _db = _connection.Handle!;
                SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(_db, sql, out _statement), _db);
            }
            catch
            {
                _connection.Dispose();
                throw;
            }
        }

        public Credential? Find(string keyId)
        {
            try
            {
                if (Encoding.UTF8.GetMaxByteCount(keyId.Length) <= MaxStackKeyBytes)
                {
                    Span<byte> utf8 = stackalloc byte[MaxStackKeyBytes];
                    var length = Encoding.UTF8.GetBytes(keyId, utf8);
                    SqliteException.ThrowExceptionForRC(raw.sqlite3_bind_text(_statement, 1, utf8[..length]), _db);
                }
                else
                {
                    SqliteException.ThrowExceptionForRC(raw.sqlite3_bind_text16(_statement, 1, keyId.AsSpan()), _db);
                }

                var rc = raw.sqlite3_step(_statement);
                if (rc == raw.SQLITE_DONE)
                {
                    return null;
                }

                if (rc != raw.SQLITE_ROW)
                {
                    SqliteException.ThrowExceptionForRC(rc, _db);
                }

                // The row matched `k.id = $id` (binary collation: the same characters) and joined `a.id = k.account_id`:
                // the caller's key id and the key's account id are reused, not decoded into new strings.
                var row = new SqliteStatementRow(_statement);
                var key = SqliteRows.ReadKey(row, 0, keyId);
                return new Credential(key, SqliteRows.ReadAccount(row, SqliteRows.KeyColumnCount, key.AccountId));
            }
            finally
            {
                raw.sqlite3_reset(_statement);
            }
        }

        public void Dispose()
        {
            _statement.Dispose();
            _connection.Dispose();
        }
    }
}
