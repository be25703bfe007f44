using ArchUnitNET.Domain;
using ArchUnitNET.Loader;
using Gateway.Hosting;

namespace Gateway.Tests.Architecture;

/// <summary>
/// The dependencies between the gateway's features (<c>Gateway.&lt;Feature&gt;</c>, sub-namespaces included), read by
/// ArchUnitNET from the compiled assembly: signatures, fields, attributes and method bodies (calls, field accesses,
/// created objects, casts, local variables, generic arguments, closures and async state machines). It cannot see
/// types named only in strings (configuration keys, reflection by name) or in <c>nameof</c>/<c>cref</c>.
/// </summary>
internal static class FeatureGraph
{
    private const string Root = "Gateway.";

    private static readonly Lazy<IReadOnlyDictionary<string, IReadOnlyDictionary<string, (string From, string To)>>> Cached = new(Build);

    /// <summary>The loaded gateway assembly.</summary>
    public static ArchUnitNET.Domain.Architecture Architecture { get; } =
        new ArchLoader().LoadAssemblies(typeof(GatewayApplication).Assembly).Build();

    /// <summary>For each feature, the features it depends on, each with one example (dependent type → dependency).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, (string From, string To)>> Edges => Cached.Value;

    /// <summary>The feature of <paramref name="fullNamespace"/>: its first segment below <c>Gateway</c>; <c>null</c> outside the gateway.</summary>
    public static string? FeatureOf(string fullNamespace)
    {
        if (!fullNamespace.StartsWith(Root, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = fullNamespace[Root.Length..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }

    private static IReadOnlyDictionary<string, IReadOnlyDictionary<string, (string From, string To)>> Build()
    {
        var gateway = typeof(GatewayApplication).Assembly.GetName().Name;
        var edges = new Dictionary<string, Dictionary<string, (string, string)>>(StringComparer.Ordinal);
        foreach (var type in Architecture.Types)
        {
            if (type.Assembly?.Name.Split(',')[0] != gateway || FeatureOf(type.Namespace.FullName) is not { } from)
            {
                continue;
            }

            foreach (var dependency in type.Dependencies)
            {
                var target = dependency.Target;
                if (target.Assembly?.Name.Split(',')[0] != gateway || target.Namespace is null || FeatureOf(target.Namespace.FullName) is not { } to || to == from)
                {
                    continue;
                }

                if (!edges.TryGetValue(from, out var targets))
                {
                    edges[from] = targets = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
                }

                targets.TryAdd(to, (type.FullName, target.FullName));
            }
        }

        return edges.ToDictionary(e => e.Key, e => (IReadOnlyDictionary<string, (string, string)>)e.Value, StringComparer.Ordinal);
    }
}
