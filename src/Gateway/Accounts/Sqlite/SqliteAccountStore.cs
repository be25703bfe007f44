using Microsoft.Data.Sqlite;

namespace Gateway.Accounts.Sqlite;

/// <summary>
/// The embedded <see cref="IAccountStore"/>: one SQLite file in WAL mode with <c>synchronous=FULL</c>, so that every
/// acknowledged write is on disk before the call returns.
/// </summary>
public sealed class SqliteAccountStore : IAccountStore, IDisposable
{
    private const string AccountColumns =
        "a.id, a.org_id, a.project_id, a.name, a.description, a.roles, a.allowed_cidrs, a.status, a.created_at, a.updated_at, a.limits";

    // A key's last use: the larger of table key_last_used (schema 7) and the newest use in the minutes of key_usage not
    // yet folded into it (schema 8, SqliteSchema): one seek per unfolded minute, the list of those computed once per
    // statement. NULL when neither holds one. (No alias here may end in "k": the RETURNING form strips "k.".)
    private const string LastUsedColumn =
        "(SELECT nullif(max(ifnull((SELECT l.at FROM key_last_used l WHERE l.key_id = k.id), 0), ifnull(max(u.last_ms), 0)), 0) " +
        "FROM key_usage u WHERE u.minute IN (SELECT minute FROM key_usage_unfolded) AND u.key_id = k.id)";

    private const string KeyColumns =
        "k.id, k.account_id, k.kind, k.description, k.fingerprint, k.secret_hash, k.encrypted_secret, k.allowed_cidrs, " +
        "k.created_at, k.expires_at, " + LastUsedColumn + ", k.revoked_at, k.limits, k.revokes_at";

    private readonly string _connectionString;
    private readonly SqliteCredentialReader _credentials;

    /// <summary>Creates a store over the database file at <paramref name="path"/> (created when missing).</summary>
    public SqliteAccountStore(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        // The lookup behind every credential-cache miss leaves the key's last use out (NULL): nothing that
        // authenticates reads it, and it would be one more B-tree seek per miss.
        _credentials = new SqliteCredentialReader(_connectionString,
            $"SELECT {KeyColumns.Replace(LastUsedColumn, "NULL", StringComparison.Ordinal)}, {AccountColumns} FROM api_keys k JOIN accounts a ON a.id = k.account_id WHERE k.id = $id;");
    }

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL;", cancellationToken);

            // Foreign keys off while migrations run (the pragma has no effect inside a transaction): a migration that
            // rebuilds a table drops the old one, and with them on, that drop would delete the rows referring to it
            // (schema 9). The references are checked before the migrations commit.
            await ExecuteAsync(connection, null, "PRAGMA foreign_keys=OFF;", cancellationToken);
            try
            {
                await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
                await using var versionCommand = Command(connection, transaction, "PRAGMA user_version;");
                var version = Convert.ToInt32(await versionCommand.ExecuteScalarAsync(cancellationToken));
                for (var i = version; i < SqliteSchema.Migrations.Count; i++)
                {
                    await ExecuteAsync(connection, transaction, SqliteSchema.Migrations[i], cancellationToken);
                    await ExecuteAsync(connection, transaction, $"PRAGMA user_version={i + 1};", cancellationToken);
                }

                if (version < SqliteSchema.Migrations.Count)
                {
                    await CheckForeignKeysAsync(connection, transaction, cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
            }
            finally
            {
                await ExecuteAsync(connection, null, "PRAGMA foreign_keys=ON;", cancellationToken);
            }
        }
        catch (SqliteException ex) when (SqliteFailures.IsUnavailable(ex))
        {
            throw SqliteFailures.Unavailable(ex);
        }
    }

    /// <inheritdoc />
    public async Task PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = Command(connection, null, "SELECT count(*) FROM sqlite_master;");
            await command.ExecuteScalarAsync(cancellationToken);
        }
        catch (SqliteException ex) when (SqliteFailures.IsUnavailable(ex))
        {
            throw SqliteFailures.Unavailable(ex);
        }
    }

    /// <inheritdoc />
    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = Command(connection, null, "SELECT EXISTS (SELECT 1 FROM accounts);");
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken)) == 0;
        }
        catch (SqliteException ex) when (SqliteFailures.IsUnavailable(ex))
        {
            throw SqliteFailures.Unavailable(ex);
        }
    }

    /// <inheritdoc />
    public async Task CreateAccountAsync(ServiceAccount account, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await InsertAccountAsync(connection, null, account, cancellationToken);
        }
        catch (SqliteException ex) when (SqliteFailures.IsUnavailable(ex))
        {
            throw SqliteFailures.Unavailable(ex);
        }
    }

    /// <inheritdoc />
    public async Task CreateAccountWithKeyAsync(ServiceAccount account, ApiKey key, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await InsertAccountAsync(connection, transaction, account, cancellationToken);
            await InsertKeyAsync(connection, transaction, key, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (SqliteException ex) when (SqliteFailures.IsUnavailable(ex))
        {
            throw SqliteFailures.Unavailable(ex);
        }
    }

    /// <inheritdoc />
    public async Task<ServiceAccount?> GetAccountAsync(string accountId, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = Command(connection, null, $"SELECT {AccountColumns} FROM accounts a WHERE a.id = $id;");
            command.Parameters.AddWithValue("$id", accountId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? SqliteRows.ReadAccount(reader, 0) : null;
        }
        catch (SqliteException ex) when (SqliteFailures.IsUnavailable(ex))
        {
            throw SqliteFailures.Unavailable(ex);
        }
    }

    /// <inheritdoc />
    public async Task<ServiceAccount?> FindAccountByNameAsync(string orgId, string name, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = Command(connection, null,
                $"SELECT {AccountColumns} FROM accounts a WHERE a.org_id = $org AND a.name = $name;");
            command.Parameters.AddWithValue("$org", orgId);
            command.Parameters.AddWithValue("$name", name);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? SqliteRows.ReadAccount(reader, 0) : null;
        }
        catch (SqliteException ex) when (SqliteFailures.IsUnavailable(ex))
        {
            throw SqliteFailures.Unavailable(ex);
        }
    }

    /// <inheritdoc />
    public async Task<AccountPage> ListAccountsAsync(AccountQuery query, CancellationToken cancellationToken)
    {
        try
        {
            // The rules of AccountListing, in SQL: same filters, same order, one item more than the page.
            var pageSize = AccountListing.PageSize(query);
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = Command(connection, null, $"""
                SELECT {AccountColumns} FROM accounts a
                WHERE ($org IS NULL OR a.org_id = $org)
                  AND ($project IS NULL OR a.project_id = $project)
                  AND ($status IS NULL OR a.status = $status)
                  AND ($afterAt IS NULL OR a.created_at > $afterAt OR (a.created_at = $afterAt AND a.id > $afterId))
                ORDER BY a.created_at, a.id
                LIMIT $limit;
                """);
            command.Parameters.AddWithValue("$org", (object?)query.OrgId ?? DBNull.Value);
            command.Parameters.AddWithValue("$project", (object?)query.ProjectId ?? DBNull.Value);
            command.Parameters.AddWithValue("$status", query.Status is { } s ? (int)s : DBNull.Value);
            command.Parameters.AddWithValue("$afterAt", query.After is { } a ? a.CreatedAtMs : DBNull.Value);
            command.Parameters.AddWithValue("$afterId", (object?)query.After?.Id ?? DBNull.Value);
            command.Parameters.AddWithValue("$limit", pageSize + 1);

            var items = new List<ServiceAccount>(pageSize + 1);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(SqliteRows.ReadAccount(reader, 0));
            }

            return AccountListing.ToPage(items, pageSize);
        }
        catch (SqliteException ex) when (SqliteFailures.IsUnavailable(ex))
        {
            throw SqliteFailures.Unavailable(ex);
        }
    }

    /// <inheritdoc />
    public async Task<bool> UpdateAccountAsync(ServiceAccount account, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = Command(connection, null, """
                UPDATE accounts SET description = $description, roles = $roles, allowed_cidrs = $cidrs,
                    status = $status, updated_at = $updated, limits = $limits
                WHERE id = $id;
                """);
            command.Parameters.AddWithValue("$id", account.Id);
            command.Parameters.AddWithValue("$description", (object?)account.Description ?? DBNull.Value);
            command.Parameters.AddWithValue("$roles", SqliteRows.JoinList(account.Roles));
            command.Parameters.AddWithValue("$cidrs", SqliteRows.JoinList(account.AllowedCidrs));
            command.Parameters.AddWithValue("$status", (int)account.Status);
            command.Parameters.AddWithValue("$updated", account.UpdatedAt.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$limits", (object?)UsageLimits.Serialize(account.RateLimit, account.Quota) ?? DBNull.Value);
            return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        }
        catch (SqliteException ex) when (SqliteFailures.IsUnavailable(ex))
        {
            throw SqliteFailures.Unavailable(ex);
        }
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAccountAsync(string accountId, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using (var keys = Command(connection, transaction, "DELETE FROM api_keys WHERE account_id = $id;"))
            {
                keys.Parameters.AddWithValue("$id", accountId);
                await keys.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var account = Command(connection, transaction, "DELETE FROM accounts WHERE id = $id;");
            account.Parameters.AddWithValue("$id", accountId);
            var deleted = await account.ExecuteNonQueryAsync(cancellationToken) == 1;
            await transaction.CommitAsync(cancellationToken);
            return deleted;
        }
        catch (SqliteException ex) when (SqliteFailures.IsUnavailable(ex))
        {
            throw SqliteFailures.Unavailable(ex);
        }
    }

    /// <inheritdoc />
    public async Task CreateKeyAsync(ApiKey key, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await InsertKeyAsync(connection, null, key, cancellationToken);
        }
        catch (SqliteException ex) when (SqliteFailures.IsUnavailable(ex))
        {
            throw SqliteFailures.Unavailable(ex);
        }
    }

    /// <inheritdoc />
    public async Task<ApiKey?> GetKeyAsync(string keyId, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = Command(connection, null, $"SELECT {KeyColumns} FROM api_keys k WHERE k.id = $id;");
            command.Parameters.AddWithValue("$id", keyId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? SqliteRows.ReadKey(reader, 0) : null;
        }
        catch (SqliteException ex) when (SqliteFailures.IsUnavailable(ex))
        {
            throw SqliteFailures.Unavailable(ex);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ApiKey>> ListKeysAsync(string accountId, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = Command(connection, null,
                $"SELECT {KeyColumns} FROM api_keys k WHERE k.account_id = $id ORDER BY k.created_at, k.id;");
            command.Parameters.AddWithValue("$id", accountId);
            var keys = new List<ApiKey>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                keys.Add(SqliteRows.ReadKey(reader, 0));
            }

            return keys;
        }
        catch (SqliteException ex) when (SqliteFailures.IsUnavailable(ex))
        {
            throw SqliteFailures.Unavailable(ex);
        }
    }

    /// <inheritdoc />
    public async Task<bool> RevokeKeyAsync(string keyId, DateTimeOffset revokedAt, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = Command(connection, null,
                "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $at) WHERE id = $id;");
            command.Parameters.AddWithValue("$id", keyId);
            command.Parameters.AddWithValue("$at", revokedAt.ToUnixTimeMilliseconds());
            return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        }
        catch (SqliteException ex) when (SqliteFailures.IsUnavailable(ex))
        {
            throw SqliteFailures.Unavailable(ex);
        }
    }

    /// <inheritdoc />
    public async Task<bool> UpdateKeyAsync(
        string keyId, string? description, RateLimit? rateLimit, Quota? quota, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = Command(connection, null,
                "UPDATE api_keys SET description = $description, limits = $limits WHERE id = $id;");
            command.Parameters.AddWithValue("$id", keyId);
            command.Parameters.AddWithValue("$description", (object?)description ?? DBNull.Value);
            command.Parameters.AddWithValue("$limits", (object?)UsageLimits.Serialize(rateLimit, quota) ?? DBNull.Value);
            return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        }
        catch (SqliteException ex) when (SqliteFailures.IsUnavailable(ex))
        {
            throw SqliteFailures.Unavailable(ex);
        }
    }

    /// <inheritdoc />
    public Task<bool> ReplaceKeyAsync(string oldKeyId, ApiKey newKey, DateTimeOffset revokedAt, CancellationToken cancellationToken) =>
        ReplaceKeyCoreAsync(oldKeyId, newKey, revokedAt,
            "UPDATE api_keys SET revoked_at = $at WHERE id = $id AND revoked_at IS NULL;", cancellationToken);

    /// <inheritdoc />
    public Task<bool> ReplaceKeyLaterAsync(string oldKeyId, ApiKey newKey, DateTimeOffset revokesAt, CancellationToken cancellationToken) =>
        ReplaceKeyCoreAsync(oldKeyId, newKey, revokesAt,
            "UPDATE api_keys SET revokes_at = min(COALESCE(revokes_at, $at), $at) WHERE id = $id AND revoked_at IS NULL;", cancellationToken);

    /// <summary>
    /// In one transaction: <paramref name="updateOld"/> (revoke now, or schedule the revocation, at <paramref name="at"/>)
    /// on the old key while it is not revoked, then the new key; <c>false</c> and no change when the old key was not updated.
    /// </summary>
    private async Task<bool> ReplaceKeyCoreAsync(
        string oldKeyId, ApiKey newKey, DateTimeOffset at, string updateOld, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using var update = Command(connection, transaction, updateOld);
            update.Parameters.AddWithValue("$id", oldKeyId);
            update.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
            if (await update.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                await transaction.RollbackAsync(cancellationToken);
                return false;
            }

            await InsertKeyAsync(connection, transaction, newKey, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (SqliteException ex) when (SqliteFailures.IsUnavailable(ex))
        {
            throw SqliteFailures.Unavailable(ex);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListDueRevocationsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = Command(connection, null, """
                SELECT id FROM api_keys WHERE revokes_at IS NOT NULL AND revoked_at IS NULL AND revokes_at <= $now
                ORDER BY revokes_at LIMIT $limit;
                """);
            command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$limit", limit);
            var ids = new List<string>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetString(0));
            }

            return ids;
        }
        catch (SqliteException ex) when (SqliteFailures.IsUnavailable(ex))
        {
            throw SqliteFailures.Unavailable(ex);
        }
    }

    /// <inheritdoc />
    public async Task<ApiKey?> CompleteScheduledRevocationAsync(string keyId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = Command(connection, null, $"""
                UPDATE api_keys SET revoked_at = revokes_at
                WHERE id = $id AND revoked_at IS NULL AND revokes_at IS NOT NULL AND revokes_at <= $now
                RETURNING {KeyColumns.Replace("k.", "", StringComparison.Ordinal)};
                """);
            command.Parameters.AddWithValue("$id", keyId);
            command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? SqliteRows.ReadKey(reader, 0) : null;
        }
        catch (SqliteException ex) when (SqliteFailures.IsUnavailable(ex))
        {
            throw SqliteFailures.Unavailable(ex);
        }
    }

    /// <inheritdoc />
    public async Task ReplaceAllKeysAsync(string accountId, ApiKey newKey, DateTimeOffset revokedAt, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using var revoke = Command(connection, transaction,
                "UPDATE api_keys SET revoked_at = $at WHERE account_id = $id AND revoked_at IS NULL;");
            revoke.Parameters.AddWithValue("$id", accountId);
            revoke.Parameters.AddWithValue("$at", revokedAt.ToUnixTimeMilliseconds());
            await revoke.ExecuteNonQueryAsync(cancellationToken);
            await InsertKeyAsync(connection, transaction, newKey, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (SqliteException ex) when (SqliteFailures.IsUnavailable(ex))
        {
            throw SqliteFailures.Unavailable(ex);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// On a read connection of <see cref="SqliteCredentialReader"/> with the lookup prepared once, synchronously: the
    /// read is a few microseconds, less than an asynchronous hop would cost.
    /// </remarks>
    public Task<Credential?> FindCredentialAsync(string keyId, CancellationToken cancellationToken)
    {
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult(_credentials.Find(keyId));
        }
        catch (SqliteException ex) when (SqliteFailures.IsUnavailable(ex))
        {
            return Task.FromException<Credential?>(SqliteFailures.Unavailable(ex));
        }
        catch (Exception ex)
        {
            return Task.FromException<Credential?>(ex);
        }
    }

    /// <summary>Closes the credential lookup's read connections.</summary>
    public void Dispose() => _credentials.Dispose();

    /// <inheritdoc />
    public async Task TouchKeysAsync(IReadOnlyDictionary<string, DateTimeOffset> lastUsed, CancellationToken cancellationToken)
    {
        try
        {
            if (lastUsed.Count == 0)
            {
                return;
            }

            await using var connection = await OpenAsync(cancellationToken);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            // Table key_last_used (schema 7), raised like the audit flush does; a key that does not exist gets no row.
            await using var command = Command(connection, transaction, """
                INSERT INTO key_last_used (key_id, at) SELECT $id, $at WHERE EXISTS (SELECT 1 FROM api_keys WHERE id = $id)
                ON CONFLICT (key_id) DO UPDATE SET at = excluded.at WHERE at <= excluded.at - $resolution;
                """);
            var id = command.Parameters.Add("$id", SqliteType.Text);
            var at = command.Parameters.Add("$at", SqliteType.Integer);
            command.Parameters.AddWithValue("$resolution", LastUsed.ResolutionMilliseconds);
            foreach (var (keyId, time) in lastUsed)
            {
                id.Value = keyId;
                at.Value = time.ToUnixTimeMilliseconds();
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch (SqliteException ex) when (SqliteFailures.IsUnavailable(ex))
        {
            throw SqliteFailures.Unavailable(ex);
        }
    }

    /// <inheritdoc />
    public async Task<StoreStatistics> GetStatisticsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = Command(connection, null, """
                SELECT (SELECT count(*) FROM accounts WHERE status = 0),
                       (SELECT count(*) FROM api_keys WHERE revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $now));
                """);
            command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return new StoreStatistics(reader.GetInt64(0), reader.GetInt64(1));
        }
        catch (SqliteException ex) when (SqliteFailures.IsUnavailable(ex))
        {
            throw SqliteFailures.Unavailable(ex);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Accounts.Roles.Role>> ListRolesAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = Command(connection, null,
                "SELECT name, description, scopes, created_at, updated_at FROM roles ORDER BY name;");
            var roles = new List<Accounts.Roles.Role>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                roles.Add(new Accounts.Roles.Role
                {
                    Name = reader.GetString(0),
                    Description = reader.IsDBNull(1) ? null : reader.GetString(1),
                    Scopes = reader.GetString(2).Split(' ', StringSplitOptions.RemoveEmptyEntries),
                    CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
                    UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
                });
            }

            return roles;
        }
        catch (SqliteException ex) when (SqliteFailures.IsUnavailable(ex))
        {
            throw SqliteFailures.Unavailable(ex);
        }
    }

    /// <inheritdoc />
    public async Task<bool> PutRoleAsync(Accounts.Roles.Role role, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using var exists = Command(connection, transaction, "SELECT EXISTS (SELECT 1 FROM roles WHERE name = $name);");
            exists.Parameters.AddWithValue("$name", role.Name);
            var created = Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken)) == 0;
            await using var upsert = Command(connection, transaction, """
                INSERT INTO roles (name, description, scopes, created_at, updated_at)
                VALUES ($name, $description, $scopes, $created, $updated)
                ON CONFLICT (name) DO UPDATE SET description = excluded.description, scopes = excluded.scopes,
                    updated_at = excluded.updated_at;
                """);
            upsert.Parameters.AddWithValue("$name", role.Name);
            upsert.Parameters.AddWithValue("$description", (object?)role.Description ?? DBNull.Value);
            upsert.Parameters.AddWithValue("$scopes", SqliteRows.JoinList(role.Scopes));
            upsert.Parameters.AddWithValue("$created", role.CreatedAt.ToUnixTimeMilliseconds());
            upsert.Parameters.AddWithValue("$updated", role.UpdatedAt.ToUnixTimeMilliseconds());
            await upsert.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return created;
        }
        catch (SqliteException ex) when (SqliteFailures.IsUnavailable(ex))
        {
            throw SqliteFailures.Unavailable(ex);
        }
    }

    private static async Task InsertAccountAsync(
        SqliteConnection connection, SqliteTransaction? transaction, ServiceAccount account, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, """
            INSERT INTO accounts (id, org_id, project_id, name, description, roles, allowed_cidrs, status, created_at, updated_at, limits)
            VALUES ($id, $org, $project, $name, $description, $roles, $cidrs, $status, $created, $updated, $limits);
            """);
        command.Parameters.AddWithValue("$id", account.Id);
        command.Parameters.AddWithValue("$org", account.OrgId);
        command.Parameters.AddWithValue("$project", (object?)account.ProjectId ?? DBNull.Value);
        command.Parameters.AddWithValue("$name", account.Name);
        command.Parameters.AddWithValue("$description", (object?)account.Description ?? DBNull.Value);
        command.Parameters.AddWithValue("$roles", SqliteRows.JoinList(account.Roles));
        command.Parameters.AddWithValue("$cidrs", SqliteRows.JoinList(account.AllowedCidrs));
        command.Parameters.AddWithValue("$status", (int)account.Status);
        command.Parameters.AddWithValue("$created", account.CreatedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$updated", account.UpdatedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$limits", (object?)UsageLimits.Serialize(account.RateLimit, account.Quota) ?? DBNull.Value);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (SqliteException ex) when (SqliteFailures.IsUniqueViolation(ex))
        {
            throw new DuplicateNameException(account.OrgId, account.Name);
        }
    }

    private static async Task InsertKeyAsync(
        SqliteConnection connection, SqliteTransaction? transaction, ApiKey key, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, """
            INSERT INTO api_keys (id, account_id, kind, description, fingerprint, secret_hash, encrypted_secret,
                allowed_cidrs, created_at, expires_at, last_used_at, revoked_at, limits, revokes_at)
            VALUES ($id, $account, $kind, $description, $fingerprint, $hash, $encrypted, $cidrs, $created, $expires,
                $lastUsed, $revoked, $limits, $revokes);
            """);
        command.Parameters.AddWithValue("$id", key.Id);
        command.Parameters.AddWithValue("$account", key.AccountId);
        command.Parameters.AddWithValue("$kind", (int)key.Kind);
        command.Parameters.AddWithValue("$description", (object?)key.Description ?? DBNull.Value);
        command.Parameters.AddWithValue("$fingerprint", key.Fingerprint);
        command.Parameters.AddWithValue("$hash", key.SecretHash);
        command.Parameters.AddWithValue("$encrypted", key.EncryptedSecret);
        command.Parameters.AddWithValue("$cidrs", SqliteRows.JoinList(key.AllowedCidrs));
        command.Parameters.AddWithValue("$created", key.CreatedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$expires", key.ExpiresAt is { } e ? e.ToUnixTimeMilliseconds() : DBNull.Value);
        command.Parameters.AddWithValue("$lastUsed", DBNull.Value); // kept in key_last_used since schema 7 (below)
        command.Parameters.AddWithValue("$revoked", key.RevokedAt is { } r ? r.ToUnixTimeMilliseconds() : DBNull.Value);
        command.Parameters.AddWithValue("$limits", (object?)UsageLimits.Serialize(key.RateLimit, key.Quota) ?? DBNull.Value);
        command.Parameters.AddWithValue("$revokes", key.RevokesAt is { } d ? d.ToUnixTimeMilliseconds() : DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
        if (key.LastUsedAt is { } lastUsed)
        {
            await using var used = Command(connection, transaction, "INSERT INTO key_last_used (key_id, at) VALUES ($id, $at);");
            used.Parameters.AddWithValue("$id", key.Id);
            used.Parameters.AddWithValue("$at", lastUsed.ToUnixTimeMilliseconds());
            await used.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Fails the migrations (their transaction is rolled back) when a row refers to one that does not exist. Rows of
    /// <c>key_last_used</c> are not checked: the audit writer may keep the last use of a key deleted since (see
    /// <c>SqliteAuditStore</c>), and nothing reads it.
    /// </summary>
    private static async Task CheckForeignKeysAsync(
        SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        await using var check = Command(connection, transaction, "PRAGMA foreign_key_check;");
        await using var reader = await check.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.GetString(0) != "key_last_used")
            {
                throw new InvalidOperationException(
                    $"Schema migration stopped: table {reader.GetString(0)} has a row that refers to a missing row of table {reader.GetString(2)}.");
            }
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null, "PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL; " + SqliteCheckpointer.NoAutoCheckpoint, cancellationToken);
        return connection;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static async Task ExecuteAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
