using System.Net;

namespace Gateway.Listeners;

/// <summary>The endpoints the listeners actually bound (useful with port 0), filled in once the server has started.</summary>
public sealed class BoundListeners
{
    private readonly Dictionary<string, Func<EndPoint?>> _endpoints = new(StringComparer.Ordinal);

    /// <summary>Records how to read the bound endpoint of <paramref name="listener"/>.</summary>
    public void Register(string listener, Func<EndPoint?> endpoint) => _endpoints[listener] = endpoint;

    /// <summary>The base URL of <paramref name="listener"/>, e.g. <c>http://127.0.0.1:49152</c>.</summary>
    public Uri BaseUri(string listener, bool https = false)
    {
        if (_endpoints.TryGetValue(listener, out var read) && read() is IPEndPoint ip)
        {
            var host = ip.Address.Equals(IPAddress.Any) || ip.Address.Equals(IPAddress.IPv6Any)
                ? "127.0.0.1"
                : ip.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{ip.Address}]" : ip.Address.ToString();
            return new Uri($"{(https ? "https" : "http")}://{host}:{ip.Port}");
        }

        throw new InvalidOperationException($"Listener '{listener}' has not been bound.");
    }
}
