using System.Reflection;
using Gateway.Hosting;

namespace Gateway.Tests.Architecture;

/// <summary>
/// The dependency rules of docs/ARCHITECTURE.md, checked on the compiled assemblies (method bodies included, see
/// <see cref="FeatureGraph"/>). Generic: a feature folder added later is checked without editing this test.
/// </summary>
public sealed class DependencyRulesTests
{
    /// <summary>The composition root and the other entry point (the <c>migrate</c> verb reads the whole section).</summary>
    private static readonly string[] MayUseHosting = ["Hosting", "Migration"];

    /// <summary>
    /// Dependencies that close a cycle today, to be removed (each is listed with what it is for); the test fails on any
    /// other cycle, and on an entry here that no longer exists, so the list only shrinks.
    /// </summary>
    private static readonly (string From, string To)[] KnownCycleEdges =
    [
    ];

    [Fact]
    public void FeatureGraph_SeesMethodBodyDependencies()
    {
        // GatewayApplication reaches the redacting logger factory only through a static call in a method body.
        Assert.Contains("Observability", FeatureGraph.Edges["Hosting"].Keys);
        // The replay registration names the Redis connection factory and options only inside lambdas (closure classes).
        Assert.Contains("Redis", FeatureGraph.Edges["Replay"].Keys);
    }

    [Fact]
    public void Features_HaveNoDependencyCycles()
    {
        var known = KnownCycleEdges.ToHashSet();
        var graph = FeatureGraph.Edges.ToDictionary(
            e => e.Key, e => e.Value.Keys.Where(to => !known.Contains((e.Key, to))).ToList(), StringComparer.Ordinal);
        var cycles = Cycles(graph)
            .Select(cycle => string.Join(" -> ", cycle.Append(cycle[0])) + "   e.g. "
                + string.Join("; ", cycle.Select((from, i) => Example(from, cycle[(i + 1) % cycle.Count]))))
            .ToList();

        Assert.True(cycles.Count == 0, "Namespace cycles (move the shared type below both, see docs/ARCHITECTURE.md):\n" + string.Join("\n", cycles));
    }

    [Fact]
    public void KnownCycleEdges_StillExist()
    {
        var gone = KnownCycleEdges.Where(e => !FeatureGraph.Edges.TryGetValue(e.From, out var to) || !to.ContainsKey(e.To)).ToList();

        Assert.True(gone.Count == 0, "Remove from KnownCycleEdges (the dependency is gone): " + string.Join(", ", gone));
    }

    [Fact]
    public void OnlyTheEntryPoints_DependOnHosting()
    {
        var offenders = FeatureGraph.Edges
            .Where(e => !MayUseHosting.Contains(e.Key) && e.Value.ContainsKey("Hosting"))
            .Select(e => $"{e.Key} ({Example(e.Key, "Hosting")})")
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

    private static string Example(string from, string to) =>
        FeatureGraph.Edges[from][to] is var (type, target) ? $"{type} uses {target}" : "";

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
