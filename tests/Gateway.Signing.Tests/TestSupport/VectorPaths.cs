namespace Gateway.Signing.Tests.TestSupport;

/// <summary>
/// Locates shared/vectors: GATEWAY_VECTORS_DIR when set, otherwise the first ancestor of the test binaries holding
/// shared/vectors (the repository is cloned at X/main with the vectors at X/shared). Missing vectors throw, so the
/// tests that need them fail rather than skip.
/// </summary>
internal static class VectorPaths
{
    private static readonly Lazy<string?> Root = new(FindRoot);

    public static string Directory => Root.Value
        ?? throw new DirectoryNotFoundException(
            "Test vectors not found: set GATEWAY_VECTORS_DIR or place shared/vectors in an ancestor of " + AppContext.BaseDirectory);

    public static bool Exists => Root.Value is not null;

    public static string Rfc9421 => Path.Combine(Directory, "rfc9421");

    public static string SigV4Suite => Path.Combine(Directory, "sigv4", "suite");

    private static string? FindRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("GATEWAY_VECTORS_DIR");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return System.IO.Directory.Exists(fromEnvironment) ? fromEnvironment : null;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "vectors");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
