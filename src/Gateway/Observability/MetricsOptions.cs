namespace Gateway.Observability;

/// <summary><c>Gateway:Metrics</c>: which .NET meters are bridged into <c>/metrics</c> besides the gateway's own.</summary>
public sealed class MetricsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Gateway:Metrics";

    /// <summary>
    /// The default of <see cref="Meters"/>: Kestrel's connection instruments. Not the upstream pool's
    /// <c>System.Net.Http/http.client.open_connections</c>: its connections change state (idle, active) twice per
    /// forwarded request, so bridging it costs a measurement per request (PERFORMANCE.md).
    /// </summary>
    public const string DefaultMeters = "Microsoft.AspNetCore.Server.Kestrel/";

    /// <summary>
    /// Comma-separated prefixes of <c>meter/instrument</c> names bridged into the registry, e.g.
    /// <c>Microsoft.AspNetCore.Server.Kestrel/</c> (a whole meter) or <c>System.Net.Http/http.client.open_connections</c>
    /// (one instrument); <c>none</c> bridges nothing. Every bridged instrument that records per request (such as
    /// <c>Microsoft.AspNetCore.Hosting/http.server.request.duration</c>) costs CPU on every request — the gateway's own
    /// <c>gateway_requests_total</c> and <c>gateway_request_duration_seconds</c> already count and time them. Default
    /// <see cref="DefaultMeters"/>: instruments that move once per connection, not per request.
    /// </summary>
    public string Meters { get; set; } = DefaultMeters;

    /// <summary>
    /// Whether YARP's <c>Yarp.ReverseProxy</c> event counters are exported. Listening enables YARP's event source, which
    /// then writes several events per proxied request (measured: the largest single cost left on the bearer path), so
    /// the default is <c>false</c>; <c>gateway_requests_total</c> and the Kestrel meters cover the same
    /// ground.
    /// </summary>
    public bool YarpEventCounters { get; set; }

    /// <summary>The prefixes of <see cref="Meters"/>; empty for <c>none</c>.</summary>
    public string[] MeterPrefixes() =>
        string.Equals(Meters.Trim(), "none", StringComparison.OrdinalIgnoreCase)
            ? []
            : Meters.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
