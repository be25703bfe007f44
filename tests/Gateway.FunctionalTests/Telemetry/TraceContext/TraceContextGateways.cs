using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.Telemetry.TraceContext;

/// <summary>
/// Two gateways in front of one echo upstream: a gateway process without span export (its own process, so no
/// activity listener of another test's gateway makes it a request activity: the gateway's own trace context is
/// used), and an in-process gateway exporting to an endpoint where nothing listens (the request activity).
/// </summary>
public sealed class TraceContextGateways : ProcessWorkspace, IAsyncLifetime
{
    private GatewayProcess _plain = null!;
    private GatewayHost _exporting = null!;

    /// <summary>The proxy listener of the exporting or the plain gateway.</summary>
    public Uri Proxy(bool exporting) => exporting ? _exporting.Proxy.BaseAddress! : _plain.Proxy.BaseAddress!;

    /// <summary>The bootstrap admin's client of the exporting or the plain gateway.</summary>
    public HttpClient Admin(bool exporting) => exporting ? _exporting.Admin : _plain.Admin;

    /// <summary>Whether the exporting gateway built a tracer provider.</summary>
    public bool ExportingHasTracer => _exporting.Services.GetService(typeof(OpenTelemetry.Trace.TracerProvider)) is not null;

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        _plain = await GatewayProcess.StartAsync(DataDirectory, RoutesFile, new Dictionary<string, string>());
        _plain.AuthenticateAdmin(DataDirectory);
        _exporting = await GatewayHost.StartAsync(Upstream.Url, new Dictionary<string, string?> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9" });
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await _plain.DisposeAsync();
        await _exporting.DisposeAsync();
        await DisposeAsync();
    }
}
