namespace Gateway.Forwarding;

/// <summary>
/// <c>Gateway:TrustedProxies</c>: addresses and CIDR blocks of reverse proxies in front of the gateway, whose
/// <c>X-Forwarded-For</c> is believed (see <see cref="ClientAddressOptions"/>). Default: none.
/// </summary>
public sealed class TrustedProxiesOptions
{
    /// <summary>The configuration key.</summary>
    public const string Key = "Gateway:TrustedProxies";

    /// <summary>The configured entries, already validated at start.</summary>
    public List<string> Proxies { get; set; } = [];
}
