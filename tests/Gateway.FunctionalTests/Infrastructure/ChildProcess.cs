using System.Diagnostics;

namespace Gateway.FunctionalTests.Infrastructure;

/// <summary>Runs an external tool (curl, python3) to completion, with a deadline, capturing its output.</summary>
public static class ChildProcess
{
    /// <summary>The tool's full path on PATH; fails the test (never skips it) when the tool is not installed.</summary>
    public static string Require(string tool)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, tool);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        Assert.Fail($"{tool} is required by this test but is not on PATH; run ./test.sh, which installs it (apt-get install {tool}).");
        return null!;
    }

    /// <summary>Runs <paramref name="tool"/> with <paramref name="arguments"/>; fails the test if it runs longer than 30 s.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string tool, params string[] arguments)
    {
        var info = new ProcessStartInfo(Require(tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{tool} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{tool} {string.Join(' ', arguments)} did not finish within 30 s");
        }

        return (process.ExitCode, await output, await error);
    }
}
