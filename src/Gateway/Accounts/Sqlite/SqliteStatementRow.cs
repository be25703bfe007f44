using System.Text;
using SQLitePCL;

namespace Gateway.Accounts.Sqlite;

/// <summary>
/// The current row of a prepared statement that has just stepped to <c>SQLITE_ROW</c>, read from SQLite's own column
/// values: text is decoded from its UTF-8 bytes (the database's encoding), without a reader object or boxing.
/// </summary>
internal readonly struct SqliteStatementRow(sqlite3_stmt statement) : ISqliteRow
{
    /// <inheritdoc />
    public bool IsNull(int ordinal) => raw.sqlite3_column_type(statement, ordinal) == raw.SQLITE_NULL;

    // sqlite3_column_blob of a TEXT value is its bytes in the database's encoding (UTF-8), without conversion.
    /// <inheritdoc />
    public string GetString(int ordinal) => Encoding.UTF8.GetString(raw.sqlite3_column_blob(statement, ordinal));

    /// <inheritdoc />
    public long GetInt64(int ordinal) => raw.sqlite3_column_int64(statement, ordinal);

    /// <inheritdoc />
    public byte[] GetBlob(int ordinal) => raw.sqlite3_column_blob(statement, ordinal).ToArray();
}
