using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using Gateway.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Gateway.FunctionalTests.FirstRun;

/// <summary>
/// The standard OTEL_* variables on a real gateway process: the per-signal traces endpoint alone exports (here over
/// OTLP/HTTP to a receiver in the test), and OTEL_SERVICE_NAME names the service.
/// </summary>
public sealed class OtlpExportTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<byte[]> _received = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("gateway-otlp-").FullName;
    private WebApplication _collector = null!;
    private EchoUpstreamHost _upstream = null!;

    public async Task InitializeAsync()
    {
        _upstream = await EchoUpstreamHost.StartAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _collector = builder.Build();
        _collector.MapPost("/v1/traces", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            _received.Enqueue(body.ToArray());
            return Results.Bytes([], "application/x-protobuf");
        });
        await _collector.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _collector.DisposeAsync();
        await _upstream.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task TracesEndpointAlone_ExportsOverHttp_WithTheConfiguredServiceName()
    {
        await File.WriteAllTextAsync(Path.Combine(_directory, "yarp.json"), TestRoutes.Json(_upstream.Url));
        var (proxyPort, statusPort) = (LoopbackPorts.Free(), LoopbackPorts.Free());
        var collector = _collector.Urls.First();
        using var process = ProcessRun.Start(ProcessRun.Dotnet(),
            [
                Path.Combine(AppContext.BaseDirectory, "Gateway.dll"),
                $"--Gateway:DataDirectory={Path.Combine(_directory, "data")}",
                $"--Gateway:Listeners:Proxy:Url=http://127.0.0.1:{proxyPort.ToString(CultureInfo.InvariantCulture)}",
                "--Gateway:Listeners:Admin:Url=http://127.0.0.1:0",
                $"--Gateway:Listeners:Status:Url=http://127.0.0.1:{statusPort.ToString(CultureInfo.InvariantCulture)}",
            ],
            _directory,
            new Dictionary<string, string>
            {
                ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] = collector + "/v1/traces",
                ["OTEL_EXPORTER_OTLP_TRACES_PROTOCOL"] = "http/protobuf",
                ["OTEL_SERVICE_NAME"] = "edge-gateway-eu1",
                ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
            });
        var output = process.StandardOutput.ReadToEndAsync();
        try
        {
            using var proxy = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{proxyPort.ToString(CultureInfo.InvariantCulture)}") };
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (DateTime.UtcNow < deadline && !process.HasExited && _received.IsEmpty)
            {
                try
                {
                    using var response = await proxy.GetAsync("/public/traced");
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }

                await Task.Delay(200);
            }

            Assert.False(_received.IsEmpty, "no OTLP/HTTP export reached the collector" + (process.HasExited ? ":\n" + await output : ""));
            var body = Encoding.UTF8.GetString(_received.SelectMany(b => b).ToArray());
            Assert.Contains("service.name", body);
            Assert.Contains("edge-gateway-eu1", body);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
    }
}
