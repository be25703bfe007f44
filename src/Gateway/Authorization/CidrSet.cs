using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace Gateway.Authorization;

/// <summary>
/// Membership of an IP address in a list of CIDR blocks (an allowlist). IPv4-mapped IPv6 addresses
/// (<c>::ffff:10.1.2.3</c>) are matched as the IPv4 address they carry. Parsed lists are cached per list instance.
/// </summary>
public static class CidrSet
{
    private static readonly ConditionalWeakTable<IReadOnlyList<string>, IPNetwork[]> Parsed = new();

    // The last address this thread wrote out (a private copy: IPAddress is mutable) and its text.
    [ThreadStatic]
    private static IPAddress? _lastAddress;

    [ThreadStatic]
    private static string? _lastText;

    /// <summary><c>true</c> when <paramref name="cidrs"/> is empty (no restriction) or one block contains <paramref name="address"/>.</summary>
    public static bool Admits(IReadOnlyList<string> cidrs, IPAddress? address)
    {
        if (cidrs.Count == 0)
        {
            return true;
        }

        if (address is null)
        {
            return false;
        }

        var normalized = Normalize(address);
        foreach (var network in Parsed.GetValue(cidrs, Parse))
        {
            if (network.BaseAddress.AddressFamily == normalized.AddressFamily && network.Contains(normalized))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <see cref="Normalize"/>d <paramref name="address"/> as text, as the audit trail records it. A dual-stack listener
    /// (<c>[::]</c>, <c>+</c>) sees IPv4 callers as IPv4-mapped IPv6 addresses, which made every request map the
    /// address and format a new string; the text of the last address written out on this thread is reused when the
    /// next is equal to it (a keep-alive connection's requests, a busy client).
    /// </summary>
    public static string NormalizedText(IPAddress address)
    {
        if (_lastText is { } text && address.Equals(_lastAddress))
        {
            return text;
        }

        text = Normalize(address).ToString();
        _lastAddress = address.AddressFamily == AddressFamily.InterNetworkV6
            ? new IPAddress(address.GetAddressBytes(), address.ScopeId)
            : new IPAddress(address.GetAddressBytes());
        _lastText = text;
        return text;
    }

    /// <summary>The address with an IPv4-mapped IPv6 form turned into plain IPv4 and any scope id dropped.</summary>
    public static IPAddress Normalize(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0
            ? new IPAddress(address.GetAddressBytes())
            : address;
    }

    private static IPNetwork[] Parse(IReadOnlyList<string> cidrs)
    {
        var networks = new List<IPNetwork>(cidrs.Count);
        foreach (var cidr in cidrs)
        {
            if (IPNetwork.TryParse(cidr, out var network))
            {
                var mapped = network.BaseAddress.IsIPv4MappedToIPv6 && network.PrefixLength >= 96
                    ? new IPNetwork(network.BaseAddress.MapToIPv4(), network.PrefixLength - 96)
                    : network;
                networks.Add(mapped);
            }
        }

        return networks.ToArray();
    }
}
