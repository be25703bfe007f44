namespace Gateway.FunctionalTests.Infrastructure;

/// <summary>Finds files of the repository (deploy/, docs/) from the test's output directory.</summary>
public static class RepositoryFiles
{
    public static string Path(params string[] relative)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Gateway.sln")))
            {
                return System.IO.Path.Combine([directory.FullName, .. relative]);
            }
        }

        throw new InvalidOperationException("The repository root (Gateway.sln) was not found above " + AppContext.BaseDirectory);
    }
}
