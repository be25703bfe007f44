using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;

namespace Gateway.Listeners;

/// <summary>
/// Keeps each endpoint to its listener during route matching: admin endpoints never match on the proxy listener
/// (so <c>/v1/…</c> there is proxied like any other path, and the admin API is unreachable through it), and proxy
/// routes never match on the admin or status listeners.
/// </summary>
public sealed class ListenerMatcherPolicy : MatcherPolicy, IEndpointSelectorPolicy
{
    /// <inheritdoc />
    public override int Order => 0;

    /// <inheritdoc />
    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) => true;

    /// <inheritdoc />
    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        var listener = CurrentListener(httpContext);
        for (var i = 0; i < candidates.Count; i++)
        {
            var required = candidates[i].Endpoint.Metadata.GetMetadata<ListenerMetadata>()?.Name ?? ListenerNames.Proxy;
            if (!string.Equals(required, listener, StringComparison.Ordinal))
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
}
