using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.FirstRun;

/// <summary>
/// Start-up failures of the real gateway process: one line on stderr naming what, where and what to do, exit code 1,
/// no stack trace (unless --verbose) and no misleading critical logs from services cancelled by the failed start.
/// </summary>
public sealed class StartupErrorTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("gateway-startup-").FullName;

    public StartupErrorTests() => File.WriteAllText(Path.Combine(_directory, "yarp.json"), TestRoutes.Json(new Uri("http://127.0.0.1:9/")));

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string[] Arguments(int? proxyPort = null, params string[] extra) =>
    [
        $"--Gateway:DataDirectory={Path.Combine(_directory, "data")}",
        $"--Gateway:Listeners:Proxy:Url=http://127.0.0.1:{(proxyPort ?? 0).ToString(CultureInfo.InvariantCulture)}",
        "--Gateway:Listeners:Admin:Url=http://127.0.0.1:0",
        "--Gateway:Listeners:Status:Url=http://127.0.0.1:0",
        .. extra,
    ];

    private static void AssertOneLineFailure(ProcessRun run, string expected)
    {
        var all = run.Output + run.Error;
        Assert.True(run.ExitCode == 1, $"exit {run.ExitCode}:\n{all}");
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, "expected one line on stderr:\n" + run.Error);
        Assert.StartsWith("gateway: cannot start: ", lines[0]);
        Assert.Contains(expected, lines[0]);
        Assert.DoesNotContain("   at ", all);
        Assert.DoesNotContain("Unhandled exception", all);
        Assert.DoesNotContain("crit:", all);
        Assert.DoesNotContain("fail:", all);
    }

    [Fact]
    public async Task PortInUse_OneLineNamingListenerAndPort_Exit1_NoCriticalLogs()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var run = await ProcessRun.GatewayAsync(_directory, Arguments(port));

        AssertOneLineFailure(run, $"cannot listen on http://127.0.0.1:{port} (Proxy listener): the port is already in use");
        Assert.Contains("--Gateway:Listeners:Proxy:Url=", run.Error);
    }

    [Fact]
    public async Task MisspelledSetting_IsRefusedWithDidYouMean()
    {
        var run = await ProcessRun.GatewayAsync(_directory, Arguments(),
            new Dictionary<string, string> { ["Gateway__Listners__Proxy__Url"] = "http://127.0.0.1:1" });

        AssertOneLineFailure(run, "unknown setting Gateway:Listners:Proxy:Url (did you mean Gateway:Listeners:Proxy:Url?)");
    }

    [Fact]
    public async Task InvalidSettingValue_NamesTheKey()
    {
        var run = await ProcessRun.GatewayAsync(_directory, Arguments(null, "--Gateway:Audit:QueueCapacity=0"));

        AssertOneLineFailure(run, "Gateway:Audit:QueueCapacity must be at least 1.");
    }

    [Fact]
    public async Task InvalidRoutesJson_NamesTheFile()
    {
        await File.WriteAllTextAsync(Path.Combine(_directory, "yarp.json"), "{ \"ReverseProxy\": ");

        var run = await ProcessRun.GatewayAsync(_directory, Arguments());

        AssertOneLineFailure(run, Path.Combine(_directory, "yarp.json"));
        Assert.Contains("Fix the JSON", run.Error);
    }

    [Theory]
    [InlineData("{ \"ReverseProxy\": { \"Routes\": { \"r\": { \"ClusterId\": \"c\", \"Match\": {} } } } }", "Route 'r' requires Hosts or Path")]
    [InlineData("{ \"ReverseProxy\": { \"Routes\": { \"r\": { \"ClusterId\": \"c\", \"Order\": \"abc\", \"Match\": { \"Path\": \"/x\" } } } } }", "'abc'")]
    public async Task InvalidRoutes_NameTheRoutesFile(string routes, string reason)
    {
        await File.WriteAllTextAsync(Path.Combine(_directory, "yarp.json"), routes);

        var run = await ProcessRun.GatewayAsync(_directory, Arguments());

        AssertOneLineFailure(run, "invalid routes in yarp.json (Gateway:RoutesFile): ");
        Assert.Contains(reason, run.Error);
    }

    [Fact]
    public async Task Verbose_AddsTheStackTrace()
    {
        var run = await ProcessRun.GatewayAsync(_directory, Arguments(null, "--Gateway:Audit:QueueCapacity=0", "--verbose"));

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("gateway: cannot start: invalid configuration: Gateway:Audit:QueueCapacity", run.Error);
        Assert.Contains("   at ", run.Error);
    }
}
