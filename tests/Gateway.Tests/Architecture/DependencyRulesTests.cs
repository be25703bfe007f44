using System.Reflection;
using Gateway.Hosting;

namespace Gateway.Tests.Architecture;

/// <summary>
/// The dependency rules of docs/ARCHITECTURE.md, checked on the compiled assemblies (method bodies included, see
/// <see cref="FeatureGraph"/>) and on the source (constants included, see <see cref="SourceGraph"/>). Generic: a
/// feature folder added later is checked for cycles and for using Hosting without editing this test.
/// </summary>
public sealed class DependencyRulesTests
{
    /// <summary>The composition root and the other entry point (the <c>migrate</c> verb reads the whole section).</summary>
    private static readonly string[] MayUseHosting = ["Hosting", "Migration"];

    /// <summary>What every feature may use: settings registration, listeners, Redis, JSON, errors, metric instruments.</summary>
    private static readonly string[] Primitives = ["Configuration", "Errors", "Listeners", "Redis", "Serialization", "Telemetry"];

    /// <summary>
    /// The bottom of the feature stack (docs/ARCHITECTURE.md, dependency rules): each of these features depends on
    /// nothing but what is listed for it. Features above them are checked only for cycles.
    /// </summary>
    private static readonly Dictionary<string, string[]> MayDependOnlyOn = new(StringComparer.Ordinal)
    {
        ["Errors"] = ["Telemetry"],
        ["Serialization"] = [],
        ["Telemetry"] = [],
        ["Configuration"] = ["Telemetry"],
        ["Listeners"] = ["Configuration"],
        ["Redis"] = ["Configuration"],
        ["Accounts"] = Primitives,
        ["Replay"] = [.. Primitives, "Accounts"],
        ["Authentication"] = [.. Primitives, "Accounts", "Replay"],
        ["Authorization"] = [.. Primitives, "Accounts", "Authentication"],
    };

    /// <summary>
    /// Observability sets metrics and tracing up and observes the features (store health, statistics, series at
    /// zero), so it sits above them: features record through <c>Telemetry</c>. Forwarding asks it whether spans are
    /// exported.
    /// </summary>
    private static readonly string[] MayUseObservability = ["Hosting", "Migration", "Forwarding"];

    /// <summary>Both views of the feature graph: the compiled assembly (method bodies) and the source (constants, <c>nameof</c>).</summary>
    public static TheoryData<string> Views => ["assembly", "source"];

    [Fact]
    public void FeatureGraph_SeesMethodBodyDependencies()
    {
        // GatewayApplication reaches the redacting logger factory only through a static call in a method body.
        Assert.Contains("Observability", FeatureGraph.Edges["Hosting"].Keys);
        // The replay registration names the Redis connection factory and options only inside lambdas (closure classes).
        Assert.Contains("Redis", FeatureGraph.Edges["Replay"].Keys);
    }

    [Fact]
    public void SourceGraph_SeesConstants()
    {
        // MetricsInitialization names the audit kinds only as constants, which the compiler inlines.
        Assert.DoesNotContain("Audit", FeatureGraph.Edges["Observability"].Keys);
        Assert.Contains("Audit", SourceGraph.Edges["Observability"].Keys);
    }

    [Theory]
    [MemberData(nameof(Views))]
    public void Features_HaveNoDependencyCycles(string view)
    {
        var edges = Graph(view);
        var graph = edges.ToDictionary(e => e.Key, e => e.Value.Keys.ToList(), StringComparer.Ordinal);
        var cycles = Cycles(graph)
            .Select(cycle => string.Join(" -> ", cycle.Append(cycle[0])) + "   e.g. "
                + string.Join("; ", cycle.Select((from, i) => Example(edges, from, cycle[(i + 1) % cycle.Count]))))
            .ToList();

        Assert.True(cycles.Count == 0, "Namespace cycles (move the shared type below both, see docs/ARCHITECTURE.md):\n" + string.Join("\n", cycles));
    }

    [Theory]
    [MemberData(nameof(Views))]
    public void LowerFeatures_DependOnlyOnWhatIsBelowThem(string view)
    {
        var edges = Graph(view);
        var offenders = MayDependOnlyOn
            .SelectMany(rule => (edges.GetValueOrDefault(rule.Key)?.Keys ?? []).Where(to => !rule.Value.Contains(to))
                .Select(to => $"{rule.Key} -> {to} ({Example(edges, rule.Key, to)})"))
            .ToList();

        Assert.True(offenders.Count == 0, "A feature uses one above it (move the shared type down, see docs/ARCHITECTURE.md): " + string.Join("; ", offenders));
        Assert.All(MayDependOnlyOn.Keys, feature => Assert.True(Directory.Exists(Path.Combine(SourceGraph.GatewaySource.FullName, feature)), feature));
    }

    [Theory]
    [MemberData(nameof(Views))]
    public void Features_RecordThroughTelemetry_NotObservability(string view)
    {
        var edges = Graph(view);
        var offenders = edges
            .Where(e => !MayUseObservability.Contains(e.Key) && e.Value.ContainsKey("Observability"))
            .Select(e => $"{e.Key} ({Example(edges, e.Key, "Observability")})")
            .ToList();

        Assert.True(offenders.Count == 0, "Observability sits above the features it observes; record metrics through Gateway.Telemetry: " + string.Join("; ", offenders));
    }

    [Theory]
    [MemberData(nameof(Views))]
    public void OnlyTheEntryPoints_DependOnHosting(string view)
    {
        var edges = Graph(view);
        var offenders = edges
            .Where(e => !MayUseHosting.Contains(e.Key) && e.Value.ContainsKey("Hosting"))
            .Select(e => $"{e.Key} ({Example(edges, e.Key, "Hosting")})")
            .ToList();

        Assert.True(offenders.Count == 0, "Hosting is the composition root; nothing below it may use it: " + string.Join("; ", offenders));
    }

    [Theory]
    [InlineData("Gateway.Signing")]
    [InlineData("Gateway.Client")]
    public void ClientLibraries_DependOnNothingAspNet(string assemblyName)
    {
        var assembly = Assembly.Load(assemblyName);
        var forbidden = assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || n == "Gateway" || n.StartsWith("Yarp", StringComparison.Ordinal))
            .ToList();

        Assert.Empty(forbidden);
        Assert.NotEmpty(assembly.GetReferencedAssemblies());
    }

    private static IReadOnlyDictionary<string, IReadOnlyDictionary<string, (string From, string To)>> Graph(string view) =>
        view == "source" ? SourceGraph.Edges : FeatureGraph.Edges;

    private static string Example(IReadOnlyDictionary<string, IReadOnlyDictionary<string, (string From, string To)>> edges, string from, string to) =>
        edges[from][to] is var (type, target) ? $"{type} uses {target}" : "";

    /// <summary>The strongly connected components with more than one feature (Tarjan), each as a cycle through its members.</summary>
    private static List<List<string>> Cycles(Dictionary<string, List<string>> graph)
    {
        var index = 0;
        var indices = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var result = new List<List<string>>();

        void Visit(string node)
        {
            indices[node] = low[node] = index++;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in graph.GetValueOrDefault(node) ?? [])
            {
                if (!indices.ContainsKey(next))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (onStack.Contains(next))
                {
                    low[node] = Math.Min(low[node], indices[next]);
                }
            }

            if (low[node] == indices[node])
            {
                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (member != node);
                if (component.Count > 1)
                {
                    result.Add(PathThrough(component, graph));
                }
            }
        }

        foreach (var node in graph.Keys.Order(StringComparer.Ordinal))
        {
            if (!indices.ContainsKey(node))
            {
                Visit(node);
            }
        }

        return result;
    }

    /// <summary>A cycle inside <paramref name="component"/> starting at its first member (breadth-first back to it).</summary>
    private static List<string> PathThrough(List<string> component, Dictionary<string, List<string>> graph)
    {
        var start = component.Order(StringComparer.Ordinal).First();
        var members = component.ToHashSet();
        var previous = new Dictionary<string, string>();
        var queue = new Queue<string>([start]);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var next in graph.GetValueOrDefault(node) ?? [])
            {
                if (next == start)
                {
                    var path = new List<string> { node };
                    while (path[^1] != start)
                    {
                        path.Add(previous[path[^1]]);
                    }

                    path.Reverse();
                    return path;
                }

                if (members.Contains(next) && previous.TryAdd(next, node))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return component;
    }
}
