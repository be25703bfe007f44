namespace Gateway.Accounts.Tokens;

/// <summary>Writes files that hold secrets: created new, readable and writable by the owner only (0600).</summary>
public static class SecretFile
{
    /// <summary>Creates <paramref name="path"/> with mode 0600 and writes <paramref name="content"/>; fails if it exists.</summary>
    public static void WriteNew(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(content);
        writer.Flush();
        stream.Flush(flushToDisk: true);
    }
}
