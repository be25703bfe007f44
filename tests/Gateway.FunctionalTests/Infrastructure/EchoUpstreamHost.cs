using EchoUpstream;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.FunctionalTests.Infrastructure;

/// <summary>The sample echo upstream on a free loopback port (real Kestrel).</summary>
public sealed class EchoUpstreamHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EchoUpstreamHost(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>Where the upstream listens.</summary>
    public Uri Url { get; }

    public static async Task<EchoUpstreamHost> StartAsync()
    {
        var app = EchoServer.Build([], "http://127.0.0.1:0");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new EchoUpstreamHost(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
