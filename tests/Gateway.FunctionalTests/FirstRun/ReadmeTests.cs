using System.Text;
using System.Text.RegularExpressions;
using Gateway.FunctionalTests.Cli;
using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.FirstRun;

/// <summary>
/// The README runs: its fenced <c>```bash</c> blocks, in order, as one <c>set -euo pipefail</c> script in a fresh
/// bash against a started gateway process (GW, ADMIN_API and DATA point at it; <c>gatewayctl</c> on PATH is the
/// built CLI). <c>```sh</c> and <c>```text</c> blocks are shown only. So the walkthrough cannot rot.
/// </summary>
public sealed partial class ReadmeTests(UpstreamFixture upstream) : IClassFixture<UpstreamFixture>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("gateway-readme-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public static IReadOnlyList<string> BashBlocks(string markdown) =>
        BashBlock().Matches(markdown.Replace("\r\n", "\n", StringComparison.Ordinal)).Select(m => m.Groups["body"].Value).ToList();

    [Fact]
    public void Extraction_TakesBashBlocksOnly()
    {
        var blocks = BashBlocks("text\n```bash\necho one\n```\n```sh\necho shown\n```\n```text\nx\n```\n```bash\necho two\n```\n");

        Assert.Equal(["echo one\n", "echo two\n"], blocks);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task ReadmeBashBlocks_RunInOrder_AgainstAStartedGateway()
    {
        var blocks = BashBlocks(await File.ReadAllTextAsync(RepositoryFiles.Path("README.md")));
        Assert.True(blocks.Count >= 4, $"only {blocks.Count} bash blocks in README.md");
        Assert.Contains(blocks, b => b.Contains("gatewayctl request", StringComparison.Ordinal));

        var routes = Path.Combine(_directory, "yarp.json");
        await File.WriteAllTextAsync(routes, TestRoutes.Json(upstream.Url));
        var data = Path.Combine(_directory, "data");
        await using var gateway = await GatewayProcess.StartAsync(data, routes, new Dictionary<string, string>());

        var bin = Directory.CreateDirectory(Path.Combine(_directory, "bin")).FullName;
        var shim = Path.Combine(bin, "gatewayctl");
        await File.WriteAllTextAsync(shim, $"#!/bin/sh\nexec \"{ProcessRun.Dotnet()}\" \"{GatewayCtl.DllPath}\" \"$@\"\n");
        File.SetUnixFileMode(shim, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var script = Path.Combine(_directory, "readme.sh");
        var text = new StringBuilder("set -euo pipefail\n");
        for (var i = 0; i < blocks.Count; i++)
        {
            text.Append($"echo '--- README bash block {i + 1}' >&2\n").Append(blocks[i]);
        }

        await File.WriteAllTextAsync(script, text.ToString());

        var run = await ProcessRun.RunAsync(ChildProcess.Require("bash"), [script], _directory,
            new Dictionary<string, string>
            {
                ["GW"] = gateway.Proxy.BaseAddress!.ToString().TrimEnd('/'),
                ["ADMIN_API"] = gateway.Admin.BaseAddress!.ToString().TrimEnd('/'),
                ["DATA"] = data,
                ["GATEWAYCTL_CONFIG_DIR"] = Path.Combine(_directory, "gatewayctl"),
                ["PATH"] = bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
            },
            TimeSpan.FromMinutes(3));

        Assert.True(run.ExitCode == 0, $"README script failed with {run.ExitCode}:\n{run.Output}\n{run.Error}\ngateway:\n{gateway.Output}");
        // The upstream echoes the identity headers: the CLI's requests went out signed, not with the admin's key.
        Assert.Contains("/echo/orders", run.Output);
        Assert.Contains("rfc9421", run.Output);
        Assert.Contains("aws-sigv4", run.Output);
        Assert.True(File.Exists(Path.Combine(_directory, "runner.json")));
    }

    [GeneratedRegex(@"^```bash[ \t]*\n(?<body>.*?)^```[ \t]*$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex BashBlock();
}
