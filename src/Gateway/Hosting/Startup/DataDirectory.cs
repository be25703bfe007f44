namespace Gateway.Hosting.Startup;

/// <summary>
/// Prepares <c>Gateway:DataDirectory</c>: a directory the gateway creates is mode 0700, and the embedded store's
/// <c>gateway.db</c> is created empty with mode 0600 before SQLite opens it (SQLite gives its <c>-wal</c> and
/// <c>-shm</c> files the database file's mode). Key files are written 0600 by their own code. Existing directories
/// and files keep the mode the operator gave them.
/// </summary>
public static class DataDirectory
{
    /// <summary>Owner read, write and search only.</summary>
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Owner read and write only.</summary>
    public const UnixFileMode DatabaseFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates <paramref name="path"/> (0700) and, when <paramref name="databaseFile"/> is given, that file (0600) if missing.</summary>
    public static void Prepare(string path, string? databaseFile)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        CreateDirectories(path);
        if (databaseFile is not null && !File.Exists(databaseFile))
        {
            try
            {
                using var created = new FileStream(databaseFile, new FileStreamOptions
                {
                    Mode = FileMode.CreateNew,
                    Access = FileAccess.Write,
                    UnixCreateMode = DatabaseFileMode,
                });
            }
            catch (IOException) when (File.Exists(databaseFile))
            {
                // Another replica on the same directory created it first.
            }
        }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void CreateDirectories(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            return;
        }

        if (Path.GetDirectoryName(full) is { } parent)
        {
            CreateDirectories(parent);
        }

        Directory.CreateDirectory(full, DirectoryMode);
    }
}
