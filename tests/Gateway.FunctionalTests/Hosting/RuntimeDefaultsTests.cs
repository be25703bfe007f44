using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using Gateway.FunctionalTests.Infrastructure;
using Gateway.Hosting.Startup;

namespace Gateway.FunctionalTests.Hosting;

/// <summary>
/// The runtime settings a gateway process chooses for itself, seen from outside the process: with socket completions
/// on the event thread the runtime starts one socket event thread (named <c>.NET Sockets</c>) per processor, without
/// them one per 30 processors (12 on Arm) — so the threads of the running process say which mode it is in, and that an
/// operator's <c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=0</c> wins over the gateway's default.
/// </summary>
public sealed class RuntimeDefaultsTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "gateway-tests", Guid.NewGuid().ToString("N"));

    public RuntimeDefaultsTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task ByDefault_SocketCompletionsRunOnTheEventThreads_OnePerProcessor()
    {
        Assert.Equal(Environment.ProcessorCount, await SocketEventThreadsAsync(environment: null));
    }

    [Fact]
    public async Task TheOperatorsValue_WinsOverTheDefault()
    {
        var coresPerEngine = RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm ? 12 : 30;
        var expected = Math.Max(1, (int)Math.Round(Environment.ProcessorCount / (double)coresPerEngine));
        Assert.Equal(expected, await SocketEventThreadsAsync(new Dictionary<string, string> { [RuntimeDefaults.InlineSocketCompletions] = "0" }));
    }

    private async Task<int> SocketEventThreadsAsync(IReadOnlyDictionary<string, string>? environment)
    {
        await using var upstream = await EchoUpstreamHost.StartAsync();
        var routes = Path.Combine(_directory, "yarp.json");
        await File.WriteAllTextAsync(routes, TestRoutes.Json(upstream.Url));
        await using var gateway = await GatewayProcess.StartAsync(
            Path.Combine(_directory, "data" + Guid.NewGuid().ToString("N")), routes, new Dictionary<string, string>(), environment: environment);

        // A proxied request: the listener's and the upstream's sockets are registered with the event threads.
        Assert.Equal(HttpStatusCode.OK, (await gateway.Proxy.GetAsync("/public/ping")).StatusCode);
        var tasks = Path.Combine("/proc", gateway.ProcessId.ToString(CultureInfo.InvariantCulture), "task");
        return Directory.EnumerateDirectories(tasks)
            .Count(task => File.Exists(Path.Combine(task, "comm")) && File.ReadAllText(Path.Combine(task, "comm")).Trim() == ".NET Sockets");
    }
}
