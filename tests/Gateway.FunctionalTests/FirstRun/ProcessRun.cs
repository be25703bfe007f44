using System.Diagnostics;
using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.FirstRun;

/// <summary>A process run to completion (the gateway or run.sh) with its exit code and both output streams.</summary>
public sealed record ProcessRun(int ExitCode, string Output, string Error)
{
    /// <summary>Runs <c>dotnet Gateway.dll</c> from the test output with <paramref name="arguments"/> in <paramref name="directory"/>.</summary>
    public static Task<ProcessRun> GatewayAsync(string directory, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var gatewayDll = Path.Combine(AppContext.BaseDirectory, "Gateway.dll");
        return RunAsync(Dotnet(), [gatewayDll, .. arguments], directory, environment, TimeSpan.FromSeconds(60));
    }

    /// <summary>The dotnet host running the tests.</summary>
    public static string Dotnet() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : ChildProcess.Require("dotnet");

    /// <summary>Starts <paramref name="file"/>; the caller owns the process.</summary>
    public static Process Start(string file, IEnumerable<string> arguments, string directory, IDictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        info.Environment.Remove("ASPNETCORE_URLS");
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start");
    }

    /// <summary>Runs <paramref name="file"/> to completion; fails the test after <paramref name="timeout"/>.</summary>
    public static async Task<ProcessRun> RunAsync(string file, IEnumerable<string> arguments, string directory,
        IDictionary<string, string>? environment, TimeSpan timeout)
    {
        using var process = Start(file, arguments, directory, environment);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{file} did not finish within {timeout}:\n{await output}\n{await error}");
        }

        return new ProcessRun(process.ExitCode, await output, await error);
    }
}
