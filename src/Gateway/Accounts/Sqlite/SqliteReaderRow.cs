using Microsoft.Data.Sqlite;

namespace Gateway.Accounts.Sqlite;

/// <summary>The current row of a <see cref="SqliteDataReader"/>.</summary>
internal readonly struct SqliteReaderRow(SqliteDataReader reader) : ISqliteRow
{
    /// <inheritdoc />
    public bool IsNull(int ordinal) => reader.IsDBNull(ordinal);

    /// <inheritdoc />
    public string GetString(int ordinal) => reader.GetString(ordinal);

    /// <inheritdoc />
    public long GetInt64(int ordinal) => reader.GetInt64(ordinal);

    /// <inheritdoc />
    public byte[] GetBlob(int ordinal) => (byte[])reader.GetValue(ordinal);
}
