using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;

namespace Gateway.Listeners;

/// <summary>
/// Keeps each endpoint to its listener during route matching: admin endpoints never match on the proxy listener
/// (so <c>/v1/…</c> there is proxied like any other path, and the admin API is unreachable through it), and proxy
/// routes never match on the admin or status listeners. The routing graph is split by listener when it is built
/// (<see cref="INodeBuilderPolicy"/>, as ASP.NET Core does for hosts and methods): a request takes one dictionary
/// lookup on its listener's name and matches among its listener's endpoints only, with no per-request candidate set
/// to filter. Only where dynamic endpoints (decided per request) take part does the policy filter candidates instead
/// (<see cref="IEndpointSelectorPolicy"/>), with the same rule.
/// </summary>
public sealed class ListenerMatcherPolicy : MatcherPolicy, INodeBuilderPolicy, IEndpointSelectorPolicy
{
    /// <inheritdoc />
    public override int Order => 0;

    /// <inheritdoc />
    bool INodeBuilderPolicy.AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) => !ContainsDynamicEndpoints(endpoints);

    /// <inheritdoc />
    bool IEndpointSelectorPolicy.AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) => ContainsDynamicEndpoints(endpoints);

    /// <summary>One edge per listener named by the endpoints (an endpoint without <see cref="ListenerMetadata"/> is the proxy listener's).</summary>
    public IReadOnlyList<PolicyNodeEdge> GetEdges(IReadOnlyList<Endpoint> endpoints)
    {
        var byListener = new Dictionary<string, List<Endpoint>>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints)
        {
            var listener = Required(endpoint);
            if (!byListener.TryGetValue(listener, out var list))
            {
                byListener[listener] = list = [];
            }

            list.Add(endpoint);
        }

        return [.. byListener.Select(pair => new PolicyNodeEdge(pair.Key, pair.Value))];
    }

    /// <summary>The jump table: the request's listener name to its edge; a listener without endpoints here exits (no match).</summary>
    public PolicyJumpTable BuildJumpTable(int exitDestination, IReadOnlyList<PolicyJumpTableEdge> edges) =>
        new ListenerJumpTable(exitDestination, edges.ToDictionary(e => (string)e.State, e => e.Destination, StringComparer.Ordinal));

    /// <inheritdoc />
    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        var listener = CurrentListener(httpContext);
        for (var i = 0; i < candidates.Count; i++)
        {
            if (!string.Equals(Required(candidates[i].Endpoint), listener, StringComparison.Ordinal))
            {
                candidates.SetValidity(i, false);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The listener the request arrived on; the proxy listener when unknown.</summary>
    public static string CurrentListener(HttpContext httpContext) =>
        httpContext.Features.Get<IConnectionItemsFeature>()?.Items.TryGetValue(ListenerNames.ConnectionItemKey, out var name) == true
            ? (string)name!
            : ListenerNames.Proxy;

    private static string Required(Endpoint endpoint) => endpoint.Metadata.GetMetadata<ListenerMetadata>()?.Name ?? ListenerNames.Proxy;

    private sealed class ListenerJumpTable(int exit, Dictionary<string, int> destinations) : PolicyJumpTable
    {
        public override int GetDestination(HttpContext httpContext) =>
            destinations.TryGetValue(CurrentListener(httpContext), out var destination) ? destination : exit;
    }
}
