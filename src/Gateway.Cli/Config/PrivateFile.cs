using System.Text;

namespace Gateway.Cli.Config;

/// <summary>
/// Writes files that hold secrets: created with mode 0600 (owner read/write only) under a temporary name in the
/// target directory, then renamed over the target, so the secret is never readable by others — not even for an
/// instant, and not when an existing file had a looser mode.
/// </summary>
public static class PrivateFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Writes <paramref name="contents"/> (UTF-8) to <paramref name="path"/> with mode 0600.</summary>
    public static void Write(string path, string contents)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(contents));
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>
    /// <c>true</c> when <paramref name="path"/> can be read or written by anyone but its owner (always <c>false</c>
    /// on Windows).
    /// </summary>
    public static bool IsExposed(string path) =>
        !OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & ~(OwnerOnly | UnixFileMode.UserExecute)) != 0;

    /// <summary>Creates <paramref name="directory"/> with mode 0700 when it does not exist.</summary>
    public static void EnsureDirectory(string directory)
    {
        if (Directory.Exists(directory))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, OwnerOnly | UnixFileMode.UserExecute);
        }
    }
}
