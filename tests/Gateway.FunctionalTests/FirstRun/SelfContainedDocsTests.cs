using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.FirstRun;

/// <summary>The repository's docs and sources point at nothing outside it (no sibling spec, design note or vectors).</summary>
public sealed class SelfContainedDocsTests
{
    // Spelled in pieces so that this file is not itself a hit for the same check in .ci/run (git grep over the tree).
    private static readonly string[] Outside = ["../" + "shared", "shared/" + "vectors", "SPEC §", "SPEC.md", "DESIGN.md", "GATEWAY_" + "VECTORS_DIR"];

    [Fact]
    public void NoDocOrSource_PointsOutsideTheRepository()
    {
        var root = RepositoryFiles.Path();
        var files = new[] { "README.md" }.Select(f => Path.Combine(root, f))
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories))
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "deploy"), "*", SearchOption.AllDirectories))
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        Assert.True(files.Count > 50, $"only {files.Count} files found under {root}");

        var hits = files.SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line, i)))
            .Where(x => Outside.Any(o => x.line.Contains(o, StringComparison.Ordinal)))
            .Select(x => $"{Path.GetRelativePath(root, x.file)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();

        Assert.True(hits.Count == 0, "references outside the repository:\n" + string.Join('\n', hits));
    }
}
