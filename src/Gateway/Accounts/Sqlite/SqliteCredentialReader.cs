using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

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

    /// <summary>One open connection and its prepared lookup; used by one caller at a time.</summary>
    private sealed class ReadConnection : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _command;
        private readonly SqliteParameter _keyId;

        public ReadConnection(string connectionString, string sql)
        {
            _connection = new SqliteConnection(connectionString);
            try
            {
                _connection.Open();
                using (var pragma = _connection.CreateCommand())
                {
                    pragma.CommandText = "PRAGMA query_only=1;";
                    pragma.ExecuteNonQuery();
                }

                _command = _connection.CreateCommand();
                _command.CommandText = sql;
                _keyId = _command.Parameters.Add("$id", SqliteType.Text);
                _keyId.Value = "";
                _command.Prepare();
            }
            catch
            {
                _connection.Dispose();
                throw;
            }
        }

        public Credential? Find(string keyId)
        {
            _keyId.Value = keyId;
            using var reader = _command.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            // The row matched `k.id = $id` (binary collation: the same characters) and joined `a.id = k.account_id`:
            // the caller's key id and the key's account id are reused, not decoded into new strings.
            var key = SqliteRows.ReadKey(reader, 0, keyId);
            return new Credential(key, SqliteRows.ReadAccount(reader, SqliteRows.KeyColumnCount, key.AccountId));
        }

        public void Dispose()
        {
            _command.Dispose();
            _connection.Dispose();
        }
    }
}
