namespace Gateway.Accounts.Sqlite;

/// <summary>
/// The embedded store's schema as an ordered list of migrations; <c>PRAGMA user_version</c> records how many have
/// been applied. Append new migrations, never edit old ones.
/// </summary>
public static class SqliteSchema
{
    /// <summary>Migration scripts, applied in order; index + 1 is the resulting schema version.</summary>
    public static readonly IReadOnlyList<string> Migrations =
    [
        """
        CREATE TABLE accounts (
            id            TEXT    NOT NULL PRIMARY KEY,
            org_id        TEXT    NOT NULL,
            project_id    TEXT,
            name          TEXT    NOT NULL,
            description   TEXT,
            roles         TEXT    NOT NULL,
            allowed_cidrs TEXT    NOT NULL,
            status        INTEGER NOT NULL,
            created_at    INTEGER NOT NULL,
            updated_at    INTEGER NOT NULL,
            UNIQUE (org_id, name)
        );
        CREATE INDEX ix_accounts_order ON accounts (created_at, id);
        CREATE TABLE api_keys (
            id               TEXT    NOT NULL PRIMARY KEY,
            account_id       TEXT    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
            kind             INTEGER NOT NULL,
            description      TEXT,
            fingerprint      TEXT    NOT NULL,
            secret_hash      BLOB    NOT NULL,
            encrypted_secret BLOB    NOT NULL,
            allowed_cidrs    TEXT    NOT NULL,
            created_at       INTEGER NOT NULL,
            expires_at       INTEGER,
            last_used_at     INTEGER,
            revoked_at       INTEGER
        );
        CREATE INDEX ix_api_keys_account ON api_keys (account_id, created_at);
        """,
        """
        CREATE TABLE roles (
            name        TEXT    NOT NULL PRIMARY KEY,
            description TEXT,
            scopes      TEXT    NOT NULL,
            created_at  INTEGER NOT NULL,
            updated_at  INTEGER NOT NULL
        );
        """,
        """
        CREATE TABLE audit_events (
            id             TEXT    NOT NULL PRIMARY KEY,
            time           INTEGER NOT NULL,
            kind           TEXT    NOT NULL,
            principal_id   TEXT,
            principal_name TEXT,
            key_id         TEXT,
            action         TEXT    NOT NULL,
            target         TEXT,
            outcome        TEXT    NOT NULL,
            status         INTEGER NOT NULL,
            method         TEXT,
            latency_ms     REAL,
            client_ip      TEXT,
            trace_id       TEXT
        );
        CREATE INDEX ix_audit_time ON audit_events (time DESC, id DESC);
        CREATE INDEX ix_audit_principal ON audit_events (principal_id, time DESC, id DESC);
        """,
        """
        ALTER TABLE accounts ADD COLUMN limits TEXT;
        ALTER TABLE api_keys ADD COLUMN limits TEXT;
        """,
        """
        ALTER TABLE api_keys ADD COLUMN revokes_at INTEGER;
        CREATE INDEX ix_api_keys_revokes ON api_keys (revokes_at) WHERE revokes_at IS NOT NULL AND revoked_at IS NULL;
        ALTER TABLE audit_events ADD COLUMN details TEXT;
        """,
        // 6: audit_events becomes a WITHOUT ROWID table keyed by (time, id), the order GET /v1/audit reads (newest
        // first) and its cursor's position, with no secondary index: the rowid table it replaces had three indexes
        // (id, ix_audit_time, ix_audit_principal), four B-tree inserts per event where there is now one, and the
        // principal index was never chosen by the audit query's plan. Rows are copied in key order, the old table (with
        // its indexes) dropped and the new one renamed, inside the migrations' one transaction; ids stay as they were
        // (old fully random ones included) and (time, id) was already unique, so pages and cursors read the same.
        """
        CREATE TABLE audit_events_keyed (
            id             TEXT    NOT NULL,
            time           INTEGER NOT NULL,
            kind           TEXT    NOT NULL,
            principal_id   TEXT,
            principal_name TEXT,
            key_id         TEXT,
            action         TEXT    NOT NULL,
            target         TEXT,
            outcome        TEXT    NOT NULL,
            status         INTEGER NOT NULL,
            method         TEXT,
            latency_ms     REAL,
            client_ip      TEXT,
            trace_id       TEXT,
            details        TEXT,
            PRIMARY KEY (time, id)
        ) WITHOUT ROWID;
        INSERT INTO audit_events_keyed
            (id, time, kind, principal_id, principal_name, key_id, action, target, outcome, status, method, latency_ms, client_ip, trace_id, details)
            SELECT id, time, kind, principal_id, principal_name, key_id, action, target, outcome, status, method, latency_ms, client_ip, trace_id, details
            FROM audit_events ORDER BY time, id;
        DROP TABLE audit_events;
        ALTER TABLE audit_events_keyed RENAME TO audit_events;
        """,
        // 7: the audit flush's per-key writes under a wide key stream (docs/PERFORMANCE.md, "Hot path, ninth pass:
        // SQLite under a wide key stream"). key_usage (created by the audit store when missing before this) is keyed
        // (minute, key_id) instead of (key_id, minute): a flush's rows are inserted at the end of the B-tree (the
        // current minute), not at one random page each. Each key's last use moves from the wide api_keys row to the
        // narrow key_last_used table: a flush raising the last use of thousands of keys rewrote one page of api_keys
        // per key (~10 rows a page), where key_last_used holds ~100 a page. api_keys.last_used_at keeps the values it
        // had (copied here) and is no longer written or read; a deleted key's row goes with it (ON DELETE CASCADE).
        """
        CREATE TABLE IF NOT EXISTS key_usage (
            key_id TEXT NOT NULL, minute INTEGER NOT NULL, requests INTEGER NOT NULL, denied INTEGER NOT NULL,
            PRIMARY KEY (key_id, minute)) WITHOUT ROWID;
        CREATE TABLE key_usage_by_minute (
            minute   INTEGER NOT NULL,
            key_id   TEXT    NOT NULL,
            requests INTEGER NOT NULL,
            denied   INTEGER NOT NULL,
            PRIMARY KEY (minute, key_id)
        ) WITHOUT ROWID;
        INSERT INTO key_usage_by_minute (minute, key_id, requests, denied)
            SELECT minute, key_id, requests, denied FROM key_usage ORDER BY minute, key_id;
        DROP TABLE key_usage;
        ALTER TABLE key_usage_by_minute RENAME TO key_usage;
        CREATE TABLE key_last_used (
            key_id TEXT    NOT NULL PRIMARY KEY REFERENCES api_keys (id) ON DELETE CASCADE,
            at     INTEGER NOT NULL
        ) WITHOUT ROWID;
        INSERT INTO key_last_used (key_id, at) SELECT id, last_used_at FROM api_keys WHERE last_used_at IS NOT NULL ORDER BY id;
        """,
        // 8: the last-use fold (docs/PERFORMANCE.md, "Hot path, twelfth pass: the last-use fold"). A usage write no longer
        // raises key_last_used per key: key_usage keeps each row's newest use (last_ms, NULL in rows written before), and
        // the audit writer folds complete minutes into key_last_used in (minute, key_id) order, a chunk at a time. The
        // one-row key_usage_fold is that fold's cursor: rows of minutes before `minute`, and of `minute` up to `key_id`
        // (none of it when NULL), are folded. It starts at the newest minute held: the rows before it were raised into
        // key_last_used when written (schema 7). A key's last use reads as the larger of key_last_used.at and last_ms of
        // its rows in the minutes key_usage_unfolded lists (one seek per minute held from the cursor's on; a few).
        """
        ALTER TABLE key_usage ADD COLUMN last_ms INTEGER;
        CREATE TABLE key_usage_fold (
            id     INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
            minute INTEGER NOT NULL,
            key_id TEXT
        );
        INSERT INTO key_usage_fold (id, minute, key_id) SELECT 1, ifnull(max(minute), 0), NULL FROM key_usage;
        CREATE VIEW key_usage_unfolded (minute) AS
            WITH RECURSIVE held (minute) AS (
                SELECT (SELECT min(minute) FROM key_usage WHERE minute >= (SELECT minute FROM key_usage_fold))
                UNION ALL
                SELECT (SELECT min(minute) FROM key_usage WHERE minute > held.minute) FROM held WHERE held.minute IS NOT NULL)
            SELECT minute FROM held WHERE minute IS NOT NULL;
        """,
        // 9: accounts and api_keys become WITHOUT ROWID tables keyed by id (docs/PERFORMANCE.md, "Hot path, sixteenth
        // pass: the credential lookup of a cache miss"). A credential lookup by key id searched each table's id index and
        // then the rowid table behind it, four B-tree descents; now the row lives in the id's own B-tree, two. Columns,
        // constraints and indexes are as before (api_keys.last_used_at included, still unused since schema 7). Rows are
        // copied in key order, each old table dropped and the new one renamed to its name, inside the migrations' one
        // transaction. The runner turns foreign keys off around it, or dropping the old accounts table would delete every
        // key through ON DELETE CASCADE; the references of api_keys, key_last_used and federation_trust_policies name the
        // tables, so they hold for the new ones, and the runner checks them before it commits.
        """
        CREATE TABLE accounts_keyed (
            id            TEXT    NOT NULL PRIMARY KEY,
            org_id        TEXT    NOT NULL,
            project_id    TEXT,
            name          TEXT    NOT NULL,
            description   TEXT,
            roles         TEXT    NOT NULL,
            allowed_cidrs TEXT    NOT NULL,
            status        INTEGER NOT NULL,
            created_at    INTEGER NOT NULL,
            updated_at    INTEGER NOT NULL,
            limits        TEXT,
            UNIQUE (org_id, name)
        ) WITHOUT ROWID;
        INSERT INTO accounts_keyed (id, org_id, project_id, name, description, roles, allowed_cidrs, status, created_at, updated_at, limits)
            SELECT id, org_id, project_id, name, description, roles, allowed_cidrs, status, created_at, updated_at, limits
            FROM accounts ORDER BY id;
        DROP TABLE accounts;
        ALTER TABLE accounts_keyed RENAME TO accounts;
        CREATE INDEX ix_accounts_order ON accounts (created_at, id);
        CREATE TABLE api_keys_keyed (
            id               TEXT    NOT NULL PRIMARY KEY,
            account_id       TEXT    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
            kind             INTEGER NOT NULL,
            description      TEXT,
            fingerprint      TEXT    NOT NULL,
            secret_hash      BLOB    NOT NULL,
            encrypted_secret BLOB    NOT NULL,
            allowed_cidrs    TEXT    NOT NULL,
            created_at       INTEGER NOT NULL,
            expires_at       INTEGER,
            last_used_at     INTEGER,
            revoked_at       INTEGER,
            limits           TEXT,
            revokes_at       INTEGER
        ) WITHOUT ROWID;
        INSERT INTO api_keys_keyed (id, account_id, kind, description, fingerprint, secret_hash, encrypted_secret, allowed_cidrs,
                created_at, expires_at, last_used_at, revoked_at, limits, revokes_at)
            SELECT id, account_id, kind, description, fingerprint, secret_hash, encrypted_secret, allowed_cidrs,
                created_at, expires_at, last_used_at, revoked_at, limits, revokes_at
            FROM api_keys ORDER BY id;
        DROP TABLE api_keys;
        ALTER TABLE api_keys_keyed RENAME TO api_keys;
        CREATE INDEX ix_api_keys_account ON api_keys (account_id, created_at);
        CREATE INDEX ix_api_keys_revokes ON api_keys (revokes_at) WHERE revokes_at IS NOT NULL AND revoked_at IS NULL;
        """,
    ];
}
