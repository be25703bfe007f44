using Gateway.Accounts.Sqlite;
using Gateway.Errors;
using Gateway.Federation.Policies;
using Microsoft.Data.Sqlite;

namespace Gateway.Federation.Store;

/// <summary>
/// Trust policies in the embedded database (<c>gateway.db</c>), table <c>federation_trust_policies</c> created with
/// <c>IF NOT EXISTS</c> (its own schema, independent of the account store's migrations). Rows reference the account
/// with <c>ON DELETE CASCADE</c>, so deleting the account deletes its policies in the same transaction. Failures are
/// mapped as the account store maps them (<see cref="SqliteFailures"/>): a database that cannot serve is
/// <see cref="StoreUnavailableException"/>.
/// </summary>
public sealed class SqliteTrustPolicyStore : ITrustPolicyStore
{
    private const string Columns = "body";

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS federation_trust_policies (
            id         TEXT    NOT NULL PRIMARY KEY,
            account_id TEXT    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
            issuer     TEXT    NOT NULL,
            created_at INTEGER NOT NULL,
            body       TEXT    NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_federation_trust_policies_account ON federation_trust_policies (account_id, created_at, id);
        CREATE INDEX IF NOT EXISTS ix_federation_trust_policies_issuer ON federation_trust_policies (issuer);
        """;

    private readonly string _connectionString;
    private readonly SemaphoreSlim _initialize = new(1, 1);
    private volatile bool _initialized;

    /// <summary>Creates a store over the database file at <paramref name="path"/>.</summary>
    public SqliteTrustPolicyStore(string path)
    {
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (_initialized)
        {
            return;
        }

        await _initialize.WaitAsync(cancellationToken);
        try
        {
            if (!_initialized)
            {
                await using var connection = await OpenCoreAsync(cancellationToken);
                await using var command = Command(connection, Schema);
                await command.ExecuteNonQueryAsync(cancellationToken);
                _initialized = true;
            }
        }
        finally
        {
            _initialize.Release();
        }
    }

    /// <inheritdoc />
    public Task<TrustPolicyCreateResult> CreateAsync(TrustPolicy policy, int maxPerAccount, CancellationToken cancellationToken) =>
        SqliteFailures.MapAsync(async () =>
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken);
            await using (var exists = Command(connection, "SELECT count(*) FROM accounts WHERE id = $account;", transaction))
            {
                exists.Parameters.AddWithValue("$account", policy.AccountId);
                if (Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken)) == 0)
                {
                    return TrustPolicyCreateResult.AccountNotFound;
                }
            }

            await using (var count = Command(connection, "SELECT count(*) FROM federation_trust_policies WHERE account_id = $account;", transaction))
            {
                count.Parameters.AddWithValue("$account", policy.AccountId);
                if (Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken)) >= maxPerAccount)
                {
                    return TrustPolicyCreateResult.LimitReached;
                }
            }

            await using (var insert = Command(connection,
                "INSERT INTO federation_trust_policies (id, account_id, issuer, created_at, body) VALUES ($id, $account, $issuer, $created, $body);", transaction))
            {
                insert.Parameters.AddWithValue("$id", policy.Id);
                insert.Parameters.AddWithValue("$account", policy.AccountId);
                insert.Parameters.AddWithValue("$issuer", policy.Issuer);
                insert.Parameters.AddWithValue("$created", policy.CreatedAt.ToUnixTimeMilliseconds());
                insert.Parameters.AddWithValue("$body", TrustPolicySerializer.Serialize(policy));
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return TrustPolicyCreateResult.Created;
        });

    /// <inheritdoc />
    public async Task<TrustPolicy?> GetAsync(string policyId, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {Columns} FROM federation_trust_policies WHERE id = $value;", policyId, cancellationToken)).FirstOrDefault();

    /// <inheritdoc />
    public Task<IReadOnlyList<TrustPolicy>> ListByAccountAsync(string accountId, CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {Columns} FROM federation_trust_policies WHERE account_id = $value ORDER BY created_at, id;", accountId, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<TrustPolicy>> ListByIssuerAsync(string issuer, CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {Columns} FROM federation_trust_policies WHERE issuer = $value ORDER BY created_at, id;", issuer, cancellationToken);

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string accountId, string policyId, CancellationToken cancellationToken) =>
        SqliteFailures.MapAsync(async () =>
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = Command(connection, "DELETE FROM federation_trust_policies WHERE id = $id AND account_id = $account;");
            command.Parameters.AddWithValue("$id", policyId);
            command.Parameters.AddWithValue("$account", accountId);
            return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
        });

    /// <inheritdoc />
    public Task<int> DeleteAccountAsync(string accountId, CancellationToken cancellationToken) =>
        SqliteFailures.MapAsync(async () =>
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = Command(connection, "DELETE FROM federation_trust_policies WHERE account_id = $account;");
            command.Parameters.AddWithValue("$account", accountId);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        });

    private Task<IReadOnlyList<TrustPolicy>> QueryAsync(string sql, string value, CancellationToken cancellationToken) =>
        SqliteFailures.MapAsync<IReadOnlyList<TrustPolicy>>(async () =>
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = Command(connection, sql);
            command.Parameters.AddWithValue("$value", value);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var policies = new List<TrustPolicy>();
            while (await reader.ReadAsync(cancellationToken))
            {
                policies.Add(TrustPolicySerializer.Deserialize(reader.GetString(0)));
            }

            return policies;
        });

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        return await OpenCoreAsync(cancellationToken);
    }

    private async Task<SqliteConnection> OpenCoreAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var pragma = Command(connection, "PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL; " + SqliteCheckpointer.NoAutoCheckpoint);
            await pragma.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch (SqliteException ex)
        {
            await connection.DisposeAsync();
            throw new StoreUnavailableException("The embedded database could not be opened.", ex);
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }
}
