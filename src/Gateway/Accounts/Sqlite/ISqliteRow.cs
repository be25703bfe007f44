namespace Gateway.Accounts.Sqlite;

/// <summary>
/// The columns of the current row, however it is read: through Microsoft.Data.Sqlite's reader
/// (<see cref="SqliteReaderRow"/>) or straight from a prepared statement (<see cref="SqliteStatementRow"/>, the
/// credential lookup). Implemented by structs, so <see cref="SqliteRows"/>' generic readers are compiled per kind and
/// call the column accessors directly.
/// </summary>
internal interface ISqliteRow
{
    /// <summary>Whether column <paramref name="ordinal"/> is NULL.</summary>
    bool IsNull(int ordinal);

    /// <summary>Column <paramref name="ordinal"/> as text.</summary>
    string GetString(int ordinal);

    /// <summary>Column <paramref name="ordinal"/> as an integer.</summary>
    long GetInt64(int ordinal);

    /// <summary>Column <paramref name="ordinal"/> as a new byte array.</summary>
    byte[] GetBlob(int ordinal);
}
