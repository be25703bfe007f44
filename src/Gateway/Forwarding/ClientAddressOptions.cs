using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;

namespace Gateway.Forwarding;

/// <summary>
/// Forwarded-headers settings that establish the client IP: only <c>X-Forwarded-For</c>, only from the configured
/// trusted proxies (the framework's loopback defaults are removed), walking the chain from the right through every
/// trusted proxy, so the client IP is the right-most entry that is not a trusted proxy.
/// </summary>
public static class ClientAddressOptions
{
    /// <summary>The options for <paramref name="trustedProxies"/> (addresses or CIDR blocks, already validated).</summary>
    public static ForwardedHeadersOptions Create(IReadOnlyList<string> trustedProxies)
    {
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor,
            ForwardLimit = null,
            RequireHeaderSymmetry = false,
        };
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
        foreach (var entry in trustedProxies)
        {
            if (Accounts.NameRules.TryNormalizeCidr(entry, out var cidr))
            {
                var network = System.Net.IPNetwork.Parse(cidr);
                options.KnownIPNetworks.Add(network);
                if (network.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
                {
                    // Peers on a dual-stack socket appear as IPv4-mapped IPv6 addresses.
                    options.KnownIPNetworks.Add(new System.Net.IPNetwork(network.BaseAddress.MapToIPv6(), network.PrefixLength + 96));
                }
            }
        }

        return options;
    }
}
