using System.Net.Sockets;
using System.Text;

namespace Gateway.FunctionalTests.RateLimiting;

/// <summary>A raw <c>MONITOR</c> connection to a real redis-server: every command it executes, as one line each.</summary>
public sealed class RedisMonitor : IAsyncDisposable
{
    private readonly TcpClient _client = new();
    private readonly List<string> _lines = [];
    private StreamReader _reader = null!;
    private Task _pump = Task.CompletedTask;

    public static async Task<RedisMonitor> StartAsync(int port)
    {
        var monitor = new RedisMonitor();
        await monitor._client.ConnectAsync("127.0.0.1", port);
        var stream = monitor._client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("MONITOR\r\n"));
        monitor._reader = new StreamReader(stream, Encoding.UTF8);
        Assert.Equal("+OK", await monitor._reader.ReadLineAsync());
        monitor._pump = monitor.PumpAsync();
        return monitor;
    }

    /// <summary>The commands seen so far that contain <paramref name="fragment"/>.</summary>
    public IReadOnlyList<string> Matching(string fragment)
    {
        lock (_lines)
        {
            return _lines.Where(l => l.Contains(fragment, StringComparison.Ordinal)).ToArray();
        }
    }

    /// <summary>Sends a marker through a second connection and waits until the monitor saw it: everything before is in.</summary>
    public async Task SyncAsync(int port)
    {
        var marker = Guid.NewGuid().ToString("N");
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes($"ECHO {marker}\r\n"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (Matching(marker).Count == 0)
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        try
        {
            await _pump;
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException)
        {
            // The connection was closed under the reader: that is how the pump ends.
        }
    }

    private async Task PumpAsync()
    {
        while (await _reader.ReadLineAsync() is { } line)
        {
            lock (_lines)
            {
                _lines.Add(line);
            }
        }
    }
}
