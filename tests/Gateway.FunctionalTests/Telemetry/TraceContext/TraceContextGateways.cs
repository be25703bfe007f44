using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.Telemetry.TraceContext;

/// <summary>Two gateways in front of one echo upstream: one without span export (no request activity), one exporting to an endpoint where nothing listens.</summary>
public sealed class TraceContextGateways : IAsyncLifetime
{
    public EchoUpstreamHost Upstream { get; private set; } = null!;

    public GatewayHost Plain { get; private set; } = null!;

    public GatewayHost Exporting { get; private set; } = null!;

    public GatewayHost Of(bool exporting) => exporting ? Exporting : Plain;

    public async Task InitializeAsync()
    {
        Upstream = await EchoUpstreamHost.StartAsync();
        Plain = await GatewayHost.StartAsync(Upstream.Url);
        Exporting = await GatewayHost.StartAsync(Upstream.Url, new Dictionary<string, string?> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9" });
    }

    public async Task DisposeAsync()
    {
        await Plain.DisposeAsync();
        await Exporting.DisposeAsync();
        await Upstream.DisposeAsync();
    }
}
