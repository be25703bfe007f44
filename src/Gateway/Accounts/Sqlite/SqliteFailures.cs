using System.Globalization;
using Gateway.Errors;
using Microsoft.Data.Sqlite;

namespace Gateway.Accounts.Sqlite;

/// <summary>
/// Maps SQLite failures to the store failure contract by error code, never by message text: a locked, busy,
/// unreadable, full, read-only or unopenable database, or a WAL lock lost to contention, is
/// <see cref="StoreUnavailableException"/> (the caller answers 503 as for Redis); a broken UNIQUE constraint on the
/// account name index is <see cref="DuplicateNameException"/>.
/// </summary>
internal static class SqliteFailures
{
    /// <summary>SQLITE_BUSY: another connection holds the lock past the busy timeout.</summary>
    public const int Busy = 5;

    /// <summary>SQLITE_LOCKED: a table is locked within this process.</summary>
    public const int Locked = 6;

    /// <summary>SQLITE_READONLY: the file or its directory cannot be written.</summary>
    public const int ReadOnly = 8;

    /// <summary>SQLITE_IOERR: the operating system reported an I/O error.</summary>
    public const int IoError = 10;

    /// <summary>SQLITE_FULL: the disk is full.</summary>
    public const int Full = 13;

    /// <summary>SQLITE_CANTOPEN: the database file cannot be opened.</summary>
    public const int CantOpen = 14;

    /// <summary>SQLITE_PROTOCOL: in WAL mode, a lock could not be taken after many retries (heavy contention; transient).</summary>
    public const int Protocol = 15;

    /// <summary>SQLITE_CONSTRAINT_UNIQUE (extended code): a UNIQUE index other than a primary key was violated.</summary>
    public const int ConstraintUnique = 2067;

    /// <summary>Whether <paramref name="exception"/> means the database cannot serve now (as opposed to a bug).</summary>
    public static bool IsUnavailable(SqliteException exception) => exception.SqliteErrorCode is Busy or Locked or ReadOnly
        or IoError or Full or CantOpen or Protocol;

    /// <summary>Whether <paramref name="exception"/> is a violation of a UNIQUE index (for accounts: org and name).</summary>
    public static bool IsUniqueViolation(SqliteException exception) => exception.SqliteExtendedErrorCode == ConstraintUnique;

    /// <summary>The <see cref="StoreUnavailableException"/> for <paramref name="exception"/>, keeping it as inner exception.</summary>
    public static StoreUnavailableException Unavailable(SqliteException exception) => new(
        string.Create(CultureInfo.InvariantCulture, $"The embedded database did not answer (SQLite error {exception.SqliteExtendedErrorCode})."),
        exception);

    /// <summary>Runs <paramref name="operation"/>, turning a SQLite failure that means "cannot serve now" into <see cref="StoreUnavailableException"/>.</summary>
    public static async Task<T> MapAsync<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation();
        }
        catch (SqliteException ex) when (IsUnavailable(ex))
        {
            throw Unavailable(ex);
        }
    }
}
