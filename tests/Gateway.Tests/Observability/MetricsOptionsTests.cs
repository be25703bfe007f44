using Gateway.Observability;

namespace Gateway.Tests.Observability;

public sealed class MetricsOptionsTests
{
    [Fact]
    public void Default_BridgesKestrelConnectionInstruments_NotPerRequestOnes()
    {
        var prefixes = new MetricsOptions().MeterPrefixes();

        Assert.True(MetricsSetup.IsBridged(prefixes, "Microsoft.AspNetCore.Server.Kestrel", "kestrel.active_connections"));
        // The pool's connections change state twice per forwarded request: a per-request instrument in effect.
        Assert.False(MetricsSetup.IsBridged(prefixes, "System.Net.Http", "http.client.open_connections"));
        Assert.False(MetricsSetup.IsBridged(prefixes, "System.Net.Http", "http.client.request.duration"));
        Assert.False(MetricsSetup.IsBridged(prefixes, "Microsoft.AspNetCore.Hosting", "http.server.request.duration"));
    }

    [Theory]
    [InlineData("none")]
    [InlineData(" NONE ")]
    [InlineData("")]
    public void None_BridgesNothing(string meters) => Assert.Empty(new MetricsOptions { Meters = meters }.MeterPrefixes());

    [Fact]
    public void Prefixes_AreTrimmed_AndMatchMeterOrInstrument()
    {
        var prefixes = new MetricsOptions { Meters = " Microsoft.AspNetCore. , System.Runtime/dotnet.gc" }.MeterPrefixes();

        Assert.Equal(["Microsoft.AspNetCore.", "System.Runtime/dotnet.gc"], prefixes);
        Assert.True(MetricsSetup.IsBridged(prefixes, "Microsoft.AspNetCore.Hosting", "http.server.request.duration"));
        Assert.True(MetricsSetup.IsBridged(prefixes, "System.Runtime", "dotnet.gc.collections"));
        Assert.False(MetricsSetup.IsBridged(prefixes, "System.Runtime", "dotnet.thread_pool.thread.count"));
    }
}
