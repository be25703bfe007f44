using Gateway.Listeners;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;

namespace Gateway.Tests.Listeners;

/// <summary>The listener rule as a routing-graph split: edges per listener, and a jump table on the request's listener.</summary>
public sealed class ListenerMatcherPolicyTests
{
    private static readonly Endpoint Proxied = new(_ => Task.CompletedTask, new EndpointMetadataCollection(), "proxied route");
    private static readonly Endpoint Admin = new(_ => Task.CompletedTask, new EndpointMetadataCollection(new ListenerMetadata(ListenerNames.Admin)), "admin");
    private static readonly Endpoint Status = new(_ => Task.CompletedTask, new EndpointMetadataCollection(new ListenerMetadata(ListenerNames.Status)), "status");

    private readonly ListenerMatcherPolicy _policy = new();

    [Fact]
    public void OrdinaryEndpoints_SplitTheGraph_AndNeedNoPerRequestFiltering()
    {
        Endpoint[] endpoints = [Proxied, Admin, Status];

        Assert.True(((INodeBuilderPolicy)_policy).AppliesToEndpoints(endpoints));
        Assert.False(((IEndpointSelectorPolicy)_policy).AppliesToEndpoints(endpoints));
        var edges = _policy.GetEdges([Proxied, Admin, Status, Admin]).ToDictionary(e => (string)e.State, e => e.Endpoints);
        Assert.Equal([ListenerNames.Admin, ListenerNames.Proxy, ListenerNames.Status], edges.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([Proxied], edges[ListenerNames.Proxy]);
        Assert.Equal([Admin, Admin], edges[ListenerNames.Admin]);
        Assert.Equal([Status], edges[ListenerNames.Status]);
    }

    [Theory]
    [InlineData(ListenerNames.Proxy, 1)]
    [InlineData(ListenerNames.Admin, 2)]
    [InlineData(null, 1)] // a connection the listeners did not mark counts as the proxy listener's
    [InlineData(ListenerNames.Status, 99)] // no endpoint of the status listener in this part of the graph: no match
    public void JumpTable_GoesToTheRequestsListener(string? listener, int expected)
    {
        var table = _policy.BuildJumpTable(99, [new PolicyJumpTableEdge(ListenerNames.Proxy, 1), new PolicyJumpTableEdge(ListenerNames.Admin, 2)]);

        Assert.Equal(expected, table.GetDestination(On(listener)));
    }

    [Fact]
    public async Task CandidateFiltering_KeepsOnlyTheRequestsListener()
    {
        var candidates = new CandidateSet([Proxied, Admin], [new RouteValueDictionary(), new RouteValueDictionary()], [1, 1]);

        await _policy.ApplyAsync(On(ListenerNames.Admin), candidates);

        Assert.False(candidates.IsValidCandidate(0));
        Assert.True(candidates.IsValidCandidate(1));
    }

    private static DefaultHttpContext On(string? listener)
    {
        var context = new DefaultHttpContext();
        if (listener is not null)
        {
            context.Features.Set<IConnectionItemsFeature>(new ConnectionItems(listener));
        }

        return context;
    }

    private sealed class ConnectionItems(string listener) : IConnectionItemsFeature
    {
        public IDictionary<object, object?> Items { get; set; } = new Dictionary<object, object?> { [ListenerNames.ConnectionItemKey] = listener };
    }
}
