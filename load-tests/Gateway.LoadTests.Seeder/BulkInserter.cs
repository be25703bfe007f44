using Gateway.Accounts;
using Microsoft.Data.Sqlite;

namespace Gateway.LoadTests.Seeder;

/// <summary>
/// Bulk inserts into the gateway's SQLite schema (<see cref="Gateway.Accounts.Sqlite.SqliteSchema"/>) with prepared
/// statements reused across large transactions and durability relaxed (<c>synchronous=OFF</c>): a seeding tool's
/// trade, never the store's. The store itself creates and migrates the file first, so the schema is the gateway's own.
/// </summary>
public sealed class BulkInserter : IDisposable
{
    private readonly SqliteConnection _connection;
    private SqliteTransaction? _transaction;
    private SqliteCommand? _insertAccount;
    private SqliteCommand? _insertKey;

    /// <summary>Opens the database file at <paramref name="path"/> for bulk loading.</summary>
    public BulkInserter(string path)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString());
        _connection.Open();
        Execute("PRAGMA synchronous=OFF; PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY; PRAGMA foreign_keys=OFF;");
    }

    /// <summary>Starts a transaction; rows added until <see cref="Commit"/> go in it.</summary>
    public void Begin()
    {
        _transaction = _connection.BeginTransaction();
        _insertAccount = Prepare("""
            INSERT INTO accounts (id, org_id, project_id, name, description, roles, allowed_cidrs, status, created_at, updated_at)
            VALUES ($id, $org, $project, $name, NULL, $roles, '', $status, $created, $created);
            """, "$id", "$org", "$project", "$name", "$roles", "$status", "$created");
        _insertKey = Prepare("""
            INSERT INTO api_keys (id, account_id, kind, description, fingerprint, secret_hash, encrypted_secret,
                allowed_cidrs, created_at, expires_at, last_used_at, revoked_at)
            VALUES ($id, $account, $kind, $description, $fingerprint, $hash, $encrypted, '', $created, NULL, NULL, NULL);
            """, "$id", "$account", "$kind", "$description", "$fingerprint", "$hash", "$encrypted", "$created");
    }

    /// <summary>Adds an account row (no description, no CIDRs).</summary>
    public void Add(ServiceAccount account)
    {
        var p = _insertAccount!.Parameters;
        p[0].Value = account.Id;
        p[1].Value = account.OrgId;
        p[2].Value = (object?)account.ProjectId ?? DBNull.Value;
        p[3].Value = account.Name;
        p[4].Value = string.Join(' ', account.Roles);
        p[5].Value = (int)account.Status;
        p[6].Value = account.CreatedAt.ToUnixTimeMilliseconds();
        _insertAccount.ExecuteNonQuery();
    }

    /// <summary>Adds a key row (no CIDRs, no expiry).</summary>
    public void Add(ApiKey key)
    {
        var p = _insertKey!.Parameters;
        p[0].Value = key.Id;
        p[1].Value = key.AccountId;
        p[2].Value = (int)key.Kind;
        p[3].Value = (object?)key.Description ?? DBNull.Value;
        p[4].Value = key.Fingerprint;
        p[5].Value = key.SecretHash;
        p[6].Value = key.EncryptedSecret;
        p[7].Value = key.CreatedAt.ToUnixTimeMilliseconds();
        _insertKey.ExecuteNonQuery();
    }

    /// <summary>Commits the current transaction.</summary>
    public void Commit()
    {
        _insertAccount?.Dispose();
        _insertKey?.Dispose();
        _transaction?.Commit();
        _transaction?.Dispose();
        _transaction = null;
    }

    /// <summary>Updates the query planner's statistics after the load.</summary>
    public void Analyze() => Execute("ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);");

    /// <inheritdoc />
    public void Dispose()
    {
        _transaction?.Dispose();
        _connection.Dispose();
    }

    private SqliteCommand Prepare(string sql, params string[] names)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
