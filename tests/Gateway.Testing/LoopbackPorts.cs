using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Gateway.Testing;

/// <summary>
/// Free TCP ports on the loopback interface, for child processes that must be told their port before they bind it:
/// run.sh (which builds for tens of seconds first), gateways, redis-server (which an outage test stops and starts
/// again on the same port). The ports come from outside (below) the kernel's ephemeral range: a port there is never
/// taken in the meantime as the source port of one of the many outgoing connections the other tests make (a port the
/// OS handed out for <c>bind(0)</c> is in the ephemeral range, and a connected socket using it as its source port
/// makes a later bind fail with "address already in use", even with SO_REUSEADDR: one CI run failed that way).
/// </summary>
public static class LoopbackPorts
{
    private static readonly HashSet<int> HandedOut = [];
    private static readonly (int Low, int High) Range = OutsideEphemeral();

    /// <summary>
    /// A port that was free a moment ago, not in the ephemeral range, and not handed out before by this process.
    /// </summary>
    public static int Free()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(Range.Low, Range.High + 1);
            lock (HandedOut)
            {
                if (HandedOut.Contains(port) || !Bindable(port))
                {
                    continue;
                }

                HandedOut.Add(port);
                return port;
            }
        }

        throw new InvalidOperationException($"no free loopback port in {Range.Low}-{Range.High} after 200 attempts");
    }

    private static bool Bindable(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>
    /// Up to 8,000 ports just below the ephemeral range (Linux: /proc/sys/net/ipv4/ip_local_port_range), or above it
    /// when it starts too low to leave 1,000 unprivileged ports below it.
    /// </summary>
    private static (int Low, int High) OutsideEphemeral()
    {
        var (ephemeralLow, ephemeralHigh) = (32768, 60999);
        const string rangeFile = "/proc/sys/net/ipv4/ip_local_port_range";
        if (File.Exists(rangeFile))
        {
            var fields = File.ReadAllText(rangeFile).Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            (ephemeralLow, ephemeralHigh) = (int.Parse(fields[0], CultureInfo.InvariantCulture), int.Parse(fields[1], CultureInfo.InvariantCulture));
        }

        return ephemeralLow - 1024 >= 1000
            ? (Math.Max(1024, ephemeralLow - 8000), ephemeralLow - 1)
            : (ephemeralHigh + 1, Math.Min(65535, ephemeralHigh + 8000));
    }
}
