using Microsoft.Data.Sqlite;

namespace Gateway.Benchmarks;

/// <summary>
/// A gateway SQLite file in a temporary directory of its own, for the benchmarks over the real store; disposing
/// closes the pooled connections and removes the directory.
/// </summary>
public sealed class TempDatabase : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("gateway-bench-").FullName;

    /// <summary>The database file (not created yet).</summary>
    public string Path => System.IO.Path.Combine(_directory, "gateway.db");

    /// <inheritdoc />
    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
