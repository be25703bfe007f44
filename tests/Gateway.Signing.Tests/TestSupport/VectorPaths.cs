namespace Gateway.Signing.Tests.TestSupport;

/// <summary>
/// Locates the repository's own test vectors (tests/Gateway.Signing.Tests/Vectors, copied next to the test binaries
/// by the project file). Missing vectors throw, so the tests that need them fail rather than skip.
/// </summary>
internal static class VectorPaths
{
    public static string Directory
    {
        get
        {
            var directory = Path.Combine(AppContext.BaseDirectory, "Vectors");
            return System.IO.Directory.Exists(directory)
                ? directory
                : throw new DirectoryNotFoundException("Test vectors not found in " + directory + " (they are copied from tests/Gateway.Signing.Tests/Vectors by the build)");
        }
    }

    public static string Rfc9421 => Path.Combine(Directory, "rfc9421");

    public static string SigV4Suite => Path.Combine(Directory, "sigv4", "suite");
}
