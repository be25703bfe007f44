using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;

namespace Gateway.FunctionalTests.Infrastructure;

/// <summary>
/// The gateway as a separate process — <c>dotnet Gateway.dll</c> from the test output directory — on three explicit
/// free loopback ports, ready once <c>/healthz</c> answers. Killed (with its children) on dispose.
/// </summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private GatewayProcess(Process process, int proxyPort, int adminPort, int statusPort)
    {
        _process = process;
        Proxy = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{proxyPort}") };
        Admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{adminPort}") };
        Status = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{statusPort}") };
    }

    public HttpClient Proxy { get; }

    public HttpClient Admin { get; }

    public HttpClient Status { get; }

    /// <summary>The operating-system process id, to send it signals.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Waits up to <paramref name="timeout"/> for the process to exit and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(deadline.Token);
        return _process.ExitCode;
    }

    /// <summary>The three ports, to start a successor on the same addresses.</summary>
    public (int Proxy, int Admin, int Status) Ports => (Proxy.BaseAddress!.Port, Admin.BaseAddress!.Port, Status.BaseAddress!.Port);

    /// <summary>Ends the process with SIGTERM (a graceful stop) or SIGKILL, and waits until it has exited.</summary>
    public async Task StopAsync(bool graceful)
    {
        if (graceful)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])!;
            await kill.WaitForExitAsync();
        }
        else
        {
            _process.Kill(entireProcessTree: true);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
    }

    /// <summary>What the process wrote so far, for failure messages.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>Whether the process writes a line containing <paramref name="text"/> within 10 s (console output is asynchronous).</summary>
    public async Task<bool> WroteAsync(string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!_output.Any(line => line.Contains(text, StringComparison.Ordinal)))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }

    /// <summary>Starts a gateway on <paramref name="dataDirectory"/> and <paramref name="routesFile"/> with extra <paramref name="settings"/>.</summary>
    /// <remarks>
    /// <paramref name="ports"/> reuses the ports of an earlier process (a restart keeps the authority signed requests
    /// cover); <paramref name="environment"/> adds environment variables to the process's.
    /// </remarks>
    public static async Task<GatewayProcess> StartAsync(
        string dataDirectory, string routesFile, IReadOnlyDictionary<string, string> settings, (int Proxy, int Admin, int Status)? ports = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var gatewayDll = Path.Combine(AppContext.BaseDirectory, "Gateway.dll");
        Assert.True(File.Exists(gatewayDll), $"{gatewayDll} is missing from the test output");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? host
            : ChildProcess.Require("dotnet");
        var (proxyPort, adminPort, statusPort) = ports ?? (LoopbackPorts.Free(), LoopbackPorts.Free(), LoopbackPorts.Free());

        var info = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(routesFile)!,
        };
        info.Environment.Remove("ASPNETCORE_URLS");
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var arguments = new List<string>
        {
            gatewayDll,
            $"--Gateway:DataDirectory={dataDirectory}",
            $"--Gateway:RoutesFile={routesFile}",
            $"--Gateway:Listeners:Proxy:Url=http://127.0.0.1:{proxyPort.ToString(CultureInfo.InvariantCulture)}",
            $"--Gateway:Listeners:Admin:Url=http://127.0.0.1:{adminPort.ToString(CultureInfo.InvariantCulture)}",
            $"--Gateway:Listeners:Status:Url=http://127.0.0.1:{statusPort.ToString(CultureInfo.InvariantCulture)}",
        };
        arguments.AddRange(settings.Select(p => $"--{p.Key}={p.Value}"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet Gateway.dll did not start");
        var gateway = new GatewayProcess(process, proxyPort, adminPort, statusPort);
        process.OutputDataReceived += (_, e) => gateway.Record(e.Data);
        process.ErrorDataReceived += (_, e) => gateway.Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await gateway.WaitUntilAliveAsync();
        return gateway;
    }

    /// <summary>Uses the bootstrap admin key of <paramref name="dataDirectory"/> on the admin client.</summary>
    public void AuthenticateAdmin(string dataDirectory) =>
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", File.ReadAllText(Path.Combine(dataDirectory, "bootstrap-admin.key")).Trim());

    public async ValueTask DisposeAsync()
    {
        Proxy.Dispose();
        Admin.Dispose();
        Status.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    private async Task WaitUntilAliveAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(_process.HasExited, $"the gateway process exited with {(_process.HasExited ? _process.ExitCode : 0)}:\n{Output}");
            if (await IsAliveAsync())
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"the gateway process did not answer /healthz within 30 s:\n{Output}");
    }

    private async Task<bool> IsAliveAsync()
    {
        try
        {
            using var response = await Status.GetAsync("/healthz");
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
