using System.Net;
using System.Net.Sockets;

namespace Gateway.FunctionalTests.Infrastructure;

/// <summary>Free TCP ports on the loopback interface, for child processes that must be told their port.</summary>
public static class LoopbackPorts
{
    /// <summary>A port that was free a moment ago (the OS does not hand it out again immediately).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
