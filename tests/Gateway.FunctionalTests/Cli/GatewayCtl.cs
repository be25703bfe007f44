using System.Diagnostics;
using System.Reflection;
using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.Cli;

/// <summary>
/// Runs the real gatewayctl (<c>dotnet gatewayctl.dll</c> from src/Gateway.Cli's build output) as a child process,
/// with its own temporary <c>GATEWAYCTL_CONFIG_DIR</c>, stdin closed unless text is given.
/// </summary>
public sealed class GatewayCtl : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public GatewayCtl()
    {
        ConfigDirectory = Path.Combine(Path.GetTempPath(), "gatewayctl-tests", Guid.NewGuid().ToString("N"));
    }

    /// <summary>The configuration directory this instance's processes use (created by gatewayctl on login).</summary>
    public string ConfigDirectory { get; }

    public string ConfigFile => Path.Combine(ConfigDirectory, "config.json");

    /// <summary>The built gatewayctl.dll (path baked in at build time by the test project).</summary>
    public static string DllPath
    {
        get
        {
            var path = typeof(GatewayCtl).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(a => a.Key == "GatewayCtlPath").Value!;
            return File.Exists(path) ? path : throw new FileNotFoundException($"gatewayctl is not built at {path}; build Gateway.sln first.", path);
        }
    }

    public Task<CliResult> RunAsync(params string[] args) => RunAsync(args, stdin: null);

    public async Task<CliResult> RunAsync(IEnumerable<string> args, string? stdin, IReadOnlyDictionary<string, string>? environment = null)
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } configured && File.Exists(configured)
            ? configured
            : "dotnet";
        var info = new ProcessStartInfo(host)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(DllPath);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["GATEWAYCTL_CONFIG_DIR"] = ConfigDirectory;
        info.Environment.Remove("GATEWAYCTL_PROFILE");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";

        using var process = Process.Start(info) ?? throw new InvalidOperationException("gatewayctl did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"gatewayctl {string.Join(' ', args)} did not exit within {Limit}.");
        }

        return new CliResult(string.Join(' ', args), process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Logs in as the gateway's bootstrap admin under <paramref name="profile"/>.</summary>
    public async Task LoginAdminAsync(GatewayHost gateway, string profile = "admin")
    {
        var result = await RunAsync(["auth", "login", "--api-key", "-", "--profile", profile,
            "--server", gateway.Proxy.BaseAddress!.ToString(), "--admin-server", gateway.Admin.BaseAddress!.ToString()], gateway.BootstrapToken);
        result.AssertExit(0);
    }

    /// <summary>Logs in with a bearer key or an HMAC key under <paramref name="profile"/>.</summary>
    public async Task<CliResult> LoginAsync(GatewayHost gateway, string profile, string? apiKey = null, string? accessKeyId = null, string? secret = null)
    {
        var args = new List<string> { "auth", "login", "--profile", profile, "--server", gateway.Proxy.BaseAddress!.ToString(),
            "--admin-server", gateway.Admin.BaseAddress!.ToString() };
        args.AddRange(apiKey is not null ? ["--api-key", apiKey] : ["--access-key-id", accessKeyId!, "--secret", secret!]);
        return await RunAsync(args, stdin: null);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(ConfigDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing was saved.
        }
    }
}
