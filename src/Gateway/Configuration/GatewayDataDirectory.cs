namespace Gateway.Configuration;

/// <summary>
/// The absolute path of <c>Gateway:DataDirectory</c> (embedded store, generated key files, bootstrap key), registered
/// by the composition root once the directory is prepared, so features take it from DI instead of the host's options.
/// </summary>
/// <param name="Path">The full path of the directory.</param>
public sealed record GatewayDataDirectory(string Path)
{
    /// <summary>The embedded SQLite database file in the directory.</summary>
    public string DatabasePath => System.IO.Path.Combine(Path, "gateway.db");

    /// <summary>The full path of <paramref name="fileName"/> in the directory.</summary>
    public string File(string fileName) => System.IO.Path.Combine(Path, fileName);
}
