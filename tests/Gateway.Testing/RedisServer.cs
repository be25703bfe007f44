using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using StackExchange.Redis;

namespace Gateway.Testing;

/// <summary>
/// A real <c>redis-server</c> child process on a free loopback port. By default without persistence; with
/// <c>persistent: true</c> it keeps an append-only file (fsync on every write) in its own temporary directory, so
/// data survives <see cref="StopAsync"/> (a kill) and <see cref="StartAsync"/>. test.sh installs redis-server when it
/// is missing.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly IReadOnlyList<string> _arguments;
    private Process? _process;

    private RedisServer(int port, string directory, IReadOnlyList<string> arguments)
    {
        Port = port;
        Directory = directory;
        _arguments = arguments;
    }

    public int Port { get; }

    /// <summary>The server's working directory (append-only file, cluster config), deleted on dispose.</summary>
    public string Directory { get; }

    /// <summary>The StackExchange.Redis configuration string for this server.</summary>
    public string Configuration => $"127.0.0.1:{Port},abortConnect=false,connectTimeout=2000,syncTimeout=2000,asyncTimeout=2000";

    /// <summary>Starts a server; <paramref name="persistent"/> turns on the append-only file with <c>appendfsync always</c>.</summary>
    public static Task<RedisServer> LaunchAsync(bool persistent = false) =>
        LaunchAsync(persistent ? ["--appendonly", "yes", "--appendfsync", "always"] : ["--appendonly", "no"]);

    /// <summary>Starts a server with extra <paramref name="arguments"/> (after port, bind and directory).</summary>
    public static async Task<RedisServer> LaunchAsync(IReadOnlyList<string> arguments)
    {
        var directory = Path.Combine(Path.GetTempPath(), "gateway-redis", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var server = new RedisServer(LoopbackPorts.Free(), directory, arguments);
        await server.StartAsync();
        return server;
    }

    /// <summary>Starts (or restarts) the server process on <see cref="Port"/> and waits for PING.</summary>
    public async Task StartAsync()
    {
        var info = new ProcessStartInfo(FindExecutable("redis-server"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Directory,
        };
        foreach (var arg in new[] { "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                     "--dir", Directory, "--save", "", "--protected-mode", "no" }.Concat(_arguments))
        {
            info.ArgumentList.Add(arg);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (await PingAsync())
            {
                return;
            }

            await Task.Delay(20);
        }

        throw new InvalidOperationException($"redis-server did not answer PING on port {Port} within 10 s");
    }

    /// <summary>Kills the server (an outage, not a graceful shutdown) and waits for it to exit.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp cleaner; no test result depends on it.
        }
    }

    /// <summary>The full path of a Redis executable (<c>redis-server</c>, <c>redis-cli</c>), or a clear failure.</summary>
    public static string FindExecutable(string name)
    {
        var candidates = new[] { "/usr/bin", "/usr/local/bin" }
            .Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        foreach (var directory in candidates)
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        var package = name == "redis-cli" ? "redis-tools" : "redis-server";
        throw new InvalidOperationException(
            $"{name} is not installed; run ./test.sh, which installs it, or apt-get install {package}");
    }

    private async Task<bool> PingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            await using var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer);
            // "-LOADING" while an append-only file is replayed: not ready yet.
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>
    /// A client of a loopback port nothing listens on: a real unavailable Redis. It fails fast (200 ms timeouts, no
    /// retry) instead of waiting for a connection.
    /// </summary>
    public static Task<ConnectionMultiplexer> ConnectToNothingAsync() => ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions
    {
        EndPoints = { { "127.0.0.1", LoopbackPorts.Free() } },
        AbortOnConnectFail = false,
        ConnectTimeout = 200,
        SyncTimeout = 200,
        AsyncTimeout = 200,
        ConnectRetry = 0,
    });
}
