using System.Globalization;
using System.Net;

namespace Gateway.Listeners;

/// <summary>A parsed listener URL: scheme, address and port.</summary>
/// <param name="Https">Whether TLS is used.</param>
/// <param name="Address">The address to bind; <see cref="IPAddress.IPv6Any"/> for <c>*</c>, loopback for <c>localhost</c>.</param>
/// <param name="Port">The port; 0 for any free port.</param>
public sealed record ListenerEndpoint(bool Https, IPAddress Address, int Port)
{
    /// <summary>Parses <c>http(s)://host:port</c>; a path other than <c>/</c> is refused.</summary>
    public static bool TryParse(string? url, out ListenerEndpoint? endpoint)
    {
        endpoint = null;
        if (string.IsNullOrWhiteSpace(url))
        {
            return false;
        }

        var https = url.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
        if (!https && !url.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = url[(https ? 8 : 7)..].TrimEnd('/');
        var colon = rest.LastIndexOf(':');
        if (colon <= 0 || rest.Contains('/')
            || !int.TryParse(rest.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port > 65535)
        {
            return false;
        }

        var host = rest[..colon];
        IPAddress? address = host switch
        {
            "*" or "+" => IPAddress.IPv6Any,
            "localhost" => IPAddress.Loopback,
            _ when host.StartsWith('[') && host.EndsWith(']') && IPAddress.TryParse(host[1..^1], out var v6) => v6,
            _ when IPAddress.TryParse(host, out var ip) && !host.Contains(':') => ip,
            _ => null,
        };
        if (address is null)
        {
            return false;
        }

        endpoint = new ListenerEndpoint(https, address, port);
        return true;
    }
}
