using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.FunctionalTests.Security;

/// <summary>
/// A real upstream (Kestrel on a free loopback port) that answers the first request for each path with 503 and
/// every later one with 200 (an empty XML document, so S3 clients can parse it); it counts the requests per path.
/// </summary>
public sealed class FlakyUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _hits;

    private FlakyUpstream(WebApplication app, ConcurrentDictionary<string, int> hits, Uri url)
    {
        _app = app;
        _hits = hits;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>How many requests reached the upstream for <paramref name="path"/>.</summary>
    public int Hits(string path) => _hits.TryGetValue(path, out var count) ? count : 0;

    public static async Task<FlakyUpstream> StartAsync()
    {
        var hits = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Run(async context =>
        {
            var count = hits.AddOrUpdate(context.Request.Path.Value ?? "", 1, (_, n) => n + 1);
            context.Response.StatusCode = count == 1 ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
            context.Response.ContentType = "application/xml";
            await context.Response.WriteAsync(count == 1
                ? "<Error><Code>SlowDown</Code><Message>try again</Message></Error>"
                : "<InitiateMultipartUploadResult><Bucket>echo</Bucket><Key>k</Key><UploadId>u</UploadId></InitiateMultipartUploadResult>");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new FlakyUpstream(app, hits, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
