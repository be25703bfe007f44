using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.FirstRun;

/// <summary>
/// ./run.sh as a user runs it (it builds, then starts the sample upstream and the gateway): it fails fast when the
/// upstream cannot start, and SIGTERM stops everything it started. Each test takes its own free ports.
/// </summary>
public sealed class RunScriptTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("gateway-runsh-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static bool Listening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    [Fact]
    public async Task UpstreamPortTaken_FailsFastWithOneLine_AndStartsNoGateway()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var upstreamPort = ((IPEndPoint)taken.LocalEndpoint).Port;
        var statusPort = LoopbackPorts.Free();

        var run = await ProcessRun.RunAsync(RepositoryFiles.Path("run.sh"),
            [$"--Gateway:DataDirectory={_directory}", $"--Gateway:Listeners:Status:Url=http://127.0.0.1:{statusPort}"],
            _directory, new Dictionary<string, string> { ["UPSTREAM_PORT"] = upstreamPort.ToString(CultureInfo.InvariantCulture) },
            TimeSpan.FromMinutes(4));

        Assert.True(run.ExitCode == 1, $"exit {run.ExitCode}:\n{run.Output}\n{run.Error}");
        Assert.Contains($"run.sh: cannot start the sample upstream: 127.0.0.1:{upstreamPort} is already in use", run.Error);
        Assert.False(Listening(statusPort));
    }

    [Fact]
    public async Task Sigterm_StopsTheGatewayAndTheUpstream()
    {
        var (upstreamPort, proxyPort, adminPort, statusPort) = (LoopbackPorts.Free(), LoopbackPorts.Free(), LoopbackPorts.Free(), LoopbackPorts.Free());
        using var process = ProcessRun.Start(RepositoryFiles.Path("run.sh"),
            [
                $"--Gateway:DataDirectory={_directory}",
                $"--Gateway:Listeners:Proxy:Url=http://127.0.0.1:{proxyPort}",
                $"--Gateway:Listeners:Admin:Url=http://127.0.0.1:{adminPort}",
                $"--Gateway:Listeners:Status:Url=http://127.0.0.1:{statusPort}",
            ],
            _directory, new Dictionary<string, string> { ["UPSTREAM_PORT"] = upstreamPort.ToString(CultureInfo.InvariantCulture) });
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            using var proxy = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{proxyPort}") };
            var deadline = DateTime.UtcNow.AddMinutes(4);
            var status = HttpStatusCode.ServiceUnavailable;
            while (DateTime.UtcNow < deadline && !process.HasExited && (status = await TryGetAsync(proxy, "/public/through-run-sh")) != HttpStatusCode.OK)
            {
                await Task.Delay(200);
            }

            Assert.True(status == HttpStatusCode.OK, $"run.sh did not serve /public through the upstream: {await OutcomeAsync(process, output, error)}");

            Assert.Equal(0, Kill(process.Id, "TERM"));
            using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(exited.Token);

            Assert.Equal(143, process.ExitCode);
            Assert.False(Listening(proxyPort), "the gateway still listens after run.sh was stopped");
            Assert.False(Listening(upstreamPort), "the sample upstream still listens after run.sh was stopped");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>
    /// Why run.sh stopped early: its exit code, then its standard error (where run.sh and the gateway say what went
    /// wrong) before the end of its standard output (the builds' lines come first there and are rarely the reason).
    /// </summary>
    private static async Task<string> OutcomeAsync(Process process, Task<string> output, Task<string> error)
    {
        if (!process.HasExited)
        {
            return "run.sh still running after 4 minutes";
        }

        await Task.WhenAll(output, error).WaitAsync(TimeSpan.FromSeconds(10));
        var lastOutput = output.Result.Split('\n').TakeLast(40);
        return $"run.sh exited {process.ExitCode}; standard error:\n{error.Result}\nend of standard output:\n{string.Join('\n', lastOutput)}";
    }

    private static async Task<HttpStatusCode> TryGetAsync(HttpClient client, string path)
    {
        try
        {
            using var response = await client.GetAsync(path);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return HttpStatusCode.ServiceUnavailable;
        }
    }

    private static int Kill(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + signal, pid.ToString(CultureInfo.InvariantCulture) } })!;
        kill.WaitForExit();
        return kill.ExitCode;
    }
}
