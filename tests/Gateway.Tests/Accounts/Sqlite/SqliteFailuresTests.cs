using Gateway.Accounts.Sqlite;
using Gateway.Errors;
using Microsoft.Data.Sqlite;

namespace Gateway.Tests.Accounts.Sqlite;

/// <summary>
/// Which SQLite result codes mean "cannot serve now" (503, retried by background work) and which stay errors: by the
/// primary code, so every extended code of a transient condition (BUSY_RECOVERY, IOERR_SHORT_READ…) follows it.
/// </summary>
public sealed class SqliteFailuresTests
{
    [Theory]
    [InlineData(5, 5)] // SQLITE_BUSY
    [InlineData(5, 261)] // SQLITE_BUSY_RECOVERY
    [InlineData(6, 6)] // SQLITE_LOCKED
    [InlineData(8, 8)] // SQLITE_READONLY
    [InlineData(10, 522)] // SQLITE_IOERR_SHORT_READ
    [InlineData(13, 13)] // SQLITE_FULL
    [InlineData(14, 14)] // SQLITE_CANTOPEN
    [InlineData(15, 15)] // SQLITE_PROTOCOL: a WAL lock lost to contention
    public void Transient_IsUnavailable_AndMapsToStoreUnavailable(int code, int extended)
    {
        var exception = new SqliteException("test", code, extended);

        Assert.True(SqliteFailures.IsUnavailable(exception));
        var mapped = SqliteFailures.Unavailable(exception);
        Assert.IsType<StoreUnavailableException>(mapped);
        Assert.Same(exception, mapped.InnerException);
        Assert.Contains(extended.ToString(System.Globalization.CultureInfo.InvariantCulture), mapped.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 1)] // SQLITE_ERROR: a bug (bad SQL), not an outage
    [InlineData(19, 2067)] // SQLITE_CONSTRAINT_UNIQUE: a conflict the caller answers
    [InlineData(11, 11)] // SQLITE_CORRUPT: needs an operator, retrying does not help
    public void Errors_AreNotUnavailable(int code, int extended) =>
        Assert.False(SqliteFailures.IsUnavailable(new SqliteException("test", code, extended)));
}
