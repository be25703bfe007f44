using System.Diagnostics;
using System.Globalization;

namespace Gateway.Testing;

/// <summary>
/// A real Redis Cluster on loopback: three <c>redis-server --cluster-enabled yes</c> masters joined with
/// <c>redis-cli --cluster create</c>, ready once every node reports <c>cluster_state:ok</c>. Without
/// <c>redis-cli</c> (Debian package redis-tools) it fails with a message saying so.
/// </summary>
public sealed class RedisCluster : IAsyncDisposable
{
    private RedisCluster(IReadOnlyList<RedisServer> nodes) => Nodes = nodes;

    public IReadOnlyList<RedisServer> Nodes { get; }

    /// <summary>The StackExchange.Redis configuration string naming every node.</summary>
    public string Configuration =>
        string.Join(",", Nodes.Select(n => $"127.0.0.1:{n.Port}")) + ",abortConnect=false,connectTimeout=2000,syncTimeout=2000,asyncTimeout=2000";

    public static async Task<RedisCluster> LaunchAsync(int masters = 3)
    {
        var cli = RedisServer.FindExecutable("redis-cli");
        var nodes = new List<RedisServer>(masters);
        var cluster = new RedisCluster(nodes);
        try
        {
            for (var i = 0; i < masters; i++)
            {
                nodes.Add(await RedisServer.LaunchAsync(
                [
                    "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "5000",
                    "--cluster-port", LoopbackPorts.Free().ToString(CultureInfo.InvariantCulture), "--appendonly", "no",
                ]));
            }

            var create = new List<string> { "--cluster", "create" };
            create.AddRange(nodes.Select(n => $"127.0.0.1:{n.Port}"));
            create.AddRange(["--cluster-replicas", "0", "--cluster-yes"]);
            var (code, output) = await RunAsync(cli, create);
            if (code != 0)
            {
                throw new InvalidOperationException($"redis-cli --cluster create failed ({code}): {output}");
            }

            var deadline = DateTime.UtcNow.AddSeconds(20);
            foreach (var node in nodes)
            {
                while (!(await RunAsync(cli, ["-p", node.Port.ToString(CultureInfo.InvariantCulture), "cluster", "info"])).Output
                           .Contains("cluster_state:ok", StringComparison.Ordinal))
                {
                    if (DateTime.UtcNow > deadline)
                    {
                        throw new InvalidOperationException($"The cluster node on port {node.Port} did not reach cluster_state:ok within 20 s.");
                    }

                    await Task.Delay(50);
                }
            }

            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }
    }

    private static async Task<(int Code, string Output)> RunAsync(string executable, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{executable} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
