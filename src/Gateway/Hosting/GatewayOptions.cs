using Gateway.Accounts;
using Gateway.Admin;
using Gateway.Audit;
using Gateway.Authentication.Signature;
using Gateway.Listeners;
using Gateway.Observability;
using Gateway.Redis;
using Gateway.Replay;

namespace Gateway.Hosting;

/// <summary>
/// The whole <c>Gateway</c> configuration section as one object: the host's own settings and each feature's options
/// type. It is what the start-up validation and the unknown-settings check walk; features read their own section
/// through <c>IOptions&lt;TFeatureOptions&gt;</c>. Every member states its default.
/// </summary>
public sealed class GatewayOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Gateway";

    /// <summary>Directory for the embedded store, generated key files and the bootstrap key. Default <c>./data</c>.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The YARP routes file (its <c>ReverseProxy</c> section), reloaded when it changes. Default <c>yarp.json</c>.</summary>
    public string RoutesFile { get; set; } = "yarp.json";

    /// <summary>
    /// The proxy listener's address as callers reach it (e.g. <c>https://gateway.example.com</c>), written into runner
    /// credentials documents as <c>server</c>. Default <c>null</c>: derived from the admin request's host name and the
    /// proxy listener's scheme and port.
    /// </summary>
    public string? PublicUrl { get; set; }

    /// <summary>The three listeners.</summary>
    public ListenersOptions Listeners { get; set; } = new();

    /// <summary>Key hashing and issuance.</summary>
    public KeysOptions Keys { get; set; } = new();

    /// <summary>Administration bootstrap.</summary>
    public AdminOptions Admin { get; set; } = new();

    /// <summary>Signed requests and HMAC secret encryption.</summary>
    public SigningOptions Signing { get; set; } = new();

    /// <summary>Replay protection.</summary>
    public ReplayOptions Replay { get; set; } = new();

    /// <summary>
    /// Addresses and CIDR blocks of reverse proxies (load balancers) in front of the gateway. Only when the
    /// connection's peer is one of them is <c>X-Forwarded-For</c> read: the client IP is then the right-most entry
    /// that is not itself a trusted proxy. Default: none — the client IP is always the connection's peer.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>The audit trail.</summary>
    public AuditOptions Audit { get; set; } = new();

    /// <summary>The shared Redis.</summary>
    public RedisOptions Redis { get; set; } = new();

    /// <summary>Which account store is used: <c>sqlite</c> (default) or <c>redis</c>.</summary>
    public StoreOptions Store { get; set; } = new();

    /// <summary>The per-replica credential cache.</summary>
    public CredentialCacheOptions CredentialCache { get; set; } = new();

    /// <summary>Which .NET meters <c>/metrics</c> bridges.</summary>
    public MetricsOptions Metrics { get; set; } = new();
}
