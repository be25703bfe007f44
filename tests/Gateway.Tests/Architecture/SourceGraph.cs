using System.Text.RegularExpressions;

namespace Gateway.Tests.Architecture;

/// <summary>
/// The dependencies between the gateway's features as its source states them: <c>using Gateway.X</c> directives and
/// <c>Gateway.X.</c>-qualified names in <c>src/Gateway</c> (C# and Razor). It sees what the compiled assembly does not
/// (constants, <c>nameof</c>, <c>cref</c>), so a cycle through a constant fails too.
/// </summary>
internal static partial class SourceGraph
{
    private static readonly Lazy<IReadOnlyDictionary<string, IReadOnlyDictionary<string, (string From, string To)>>> Cached = new(Build);

    /// <summary>For each feature, the features its source names, each with one example (file → namespace).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, (string From, string To)>> Edges => Cached.Value;

    /// <summary><c>src/Gateway</c> of the checkout the tests were built from.</summary>
    public static DirectoryInfo GatewaySource { get; } = FindSource();

    private static DirectoryInfo FindSource()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Gateway.sln")))
            {
                return new DirectoryInfo(Path.Combine(directory.FullName, "src", "Gateway"));
            }
        }

        throw new InvalidOperationException("The repository root (Gateway.sln) was not found above " + AppContext.BaseDirectory);
    }

    private static IReadOnlyDictionary<string, IReadOnlyDictionary<string, (string, string)>> Build()
    {
        var features = GatewaySource.GetDirectories()
            .Select(d => d.Name)
            .Where(n => n is not ("bin" or "obj"))
            .ToHashSet(StringComparer.Ordinal);
        var edges = new Dictionary<string, Dictionary<string, (string, string)>>(StringComparer.Ordinal);
        foreach (var file in GatewaySource.EnumerateFiles("*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(GatewaySource.FullName, file.FullName).Replace('\\', '/');
            var from = relative.Split('/')[0];
            if (file.Extension is not (".cs" or ".cshtml") || !features.Contains(from) || relative.Contains("/obj/", StringComparison.Ordinal) || relative.Contains("/bin/", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (Match match in NamedFeature().Matches(File.ReadAllText(file.FullName)))
            {
                var to = match.Groups["feature"].Value;
                if (to == from || !features.Contains(to))
                {
                    continue;
                }

                if (!edges.TryGetValue(from, out var targets))
                {
                    edges[from] = targets = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
                }

                targets.TryAdd(to, (relative, "Gateway." + to));
            }
        }

        return edges.ToDictionary(e => e.Key, e => (IReadOnlyDictionary<string, (string, string)>)e.Value, StringComparer.Ordinal);
    }

    /// <summary><c>using Gateway.X</c> (also <c>@using</c>, <c>using static</c>, aliases) or a <c>Gateway.X.</c>-qualified name outside the namespace line.</summary>
    [GeneratedRegex(@"^(?!\s*namespace\b).*?(?<![\w.])Gateway\.(?<feature>[A-Z]\w*)\b(?=\s*;|\.)", RegexOptions.Multiline)]
    private static partial Regex NamedFeature();
}
