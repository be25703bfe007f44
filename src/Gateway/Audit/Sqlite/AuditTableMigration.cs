namespace Gateway.Audit.Sqlite;

/// <summary>
/// Schema migration 6: <c>audit_events</c> becomes a <c>WITHOUT ROWID</c> table keyed by <c>(time, id)</c>, the
/// order <c>GET /v1/audit</c> reads (newest first) and its cursor's position, with no secondary index. The table it
/// replaces was a rowid table with three indexes — <c>id</c> (its primary key), <c>ix_audit_time (time DESC, id
/// DESC)</c> and <c>ix_audit_principal (principal_id, time DESC, id DESC)</c> — so each event cost four B-tree
/// inserts where it now costs one; the principal index was never chosen by the audit query's plan (its filters are
/// optional, so the statement cannot name it), yet with many principals it dirtied up to one leaf page per principal
/// and flush. The rows are copied in key order, the old table (with its indexes) dropped and the new one renamed,
/// inside the migrations' one transaction: an interrupted upgrade leaves the old table as it was. Ids stay what they
/// were (old fully random ones included) and <c>(time, id)</c> was already unique, so pages and cursors read the
/// same before and after.
/// </summary>
public static class AuditTableMigration
{
    /// <summary>The migration's script.</summary>
    public const string Sql = """
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
        """;
}
