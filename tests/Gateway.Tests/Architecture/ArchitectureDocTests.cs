namespace Gateway.Tests.Architecture;

/// <summary>docs/ARCHITECTURE.md draws the same feature folders the code has: in its folder table and in its dependency picture.</summary>
public sealed class ArchitectureDocTests
{
    private static readonly string Document = File.ReadAllText(
        Path.Combine(SourceGraph.GatewaySource.Parent!.Parent!.FullName, "docs", "ARCHITECTURE.md"));

    public static TheoryData<string> Features =>
        [.. SourceGraph.GatewaySource.GetDirectories().Select(d => d.Name).Where(n => n is not ("bin" or "obj")).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Features))]
    public void EveryFeatureFolder_HasARowAndAPlaceInTheDependencyPicture(string feature)
    {
        Assert.Contains($"| `src/Gateway/{feature}` |", Document, StringComparison.Ordinal);
        var picture = Document[Document.IndexOf("## Dependency rules", StringComparison.Ordinal)..];
        picture = picture[picture.IndexOf("```", StringComparison.Ordinal)..picture.IndexOf("```", picture.IndexOf("```", StringComparison.Ordinal) + 3, StringComparison.Ordinal)];
        Assert.Matches($@"(^|[\s─▶]){feature}(\s|$)", picture);
    }
}
