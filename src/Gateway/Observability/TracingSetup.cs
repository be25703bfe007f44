using System.Diagnostics;
using Gateway.Listeners;
using Gateway.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Gateway.Observability;

/// <summary>
/// Tracing costs nothing beyond a trace id unless spans go somewhere. With an OTLP endpoint set (<see cref="OtelEnvironment"/>),
/// the OpenTelemetry SDK records the request span, the gateway's <c>authenticate</c> span and the upstream call and
/// exports them over OTLP, sampled as <c>OTEL_TRACES_SAMPLER</c> / <c>OTEL_TRACES_SAMPLER_ARG</c> say (the SDK reads
/// them; e.g. <c>parentbased_traceidratio</c> and <c>0.01</c>; default: every trace). Without it no tracer provider
/// is built and no activity is made per request: each request still has a W3C trace id, its own
/// (<see cref="Telemetry.TraceContext.RequestTraceContext"/>: continued from an incoming <c>traceparent</c>, written
/// into problem bodies and audit events, forwarded upstream), but no span is recorded and the gateway's own activity
/// source has no listener, so no span work is done.
/// </summary>
public static class TracingSetup
{
    /// <summary>The ASP.NET Core activity source of the request activity.</summary>
    public const string AspNetCoreSource = "Microsoft.AspNetCore";

    /// <summary>
    /// Whether spans are exported, by the standard variables (<see cref="OtelEnvironment.ExportsTraces"/>: an OTLP endpoint,
    /// generic or per-signal, or <c>OTEL_TRACES_EXPORTER</c>), read from the environment or configuration.
    /// </summary>
    public static bool Exporting(IConfiguration configuration) => OtelEnvironment.ExportsTraces(key => configuration[key]);

    /// <summary>Registers the OpenTelemetry tracer provider when spans are exported.</summary>
    public static void AddTracing(this IServiceCollection services, IConfiguration configuration)
    {
        if (!Exporting(configuration))
        {
            // Forwarding then gives the upstream client no diagnostics handler (IdentityTransform writes traceparent).
            return;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource => OtelEnvironment.AddDefaultService(resource, key => configuration[key]))
            .WithTracing(tracing => tracing
                .AddProcessor(new Redaction.RedactingTraceProcessor())
                .AddSource(GatewayTelemetry.SourceName)
                .AddAspNetCoreInstrumentation(aspnet =>
                    aspnet.Filter = context => ListenerMatcherPolicy.CurrentListener(context) != ListenerNames.Status)
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(exporter => OtelEnvironment.ConfigureTracesExporter(exporter, key => configuration[key])));
    }

    /// <summary>The host's request diagnostics category: enabled at all, it makes ASP.NET Core create a request activity anyway.</summary>
    public const string RequestDiagnosticsCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    /// <summary>
    /// Without an exporter, no request activity: the request's trace context is its own
    /// (<see cref="Telemetry.TraceContext.RequestTraceContext"/>), made only when a problem body, an audit event or the
    /// forwarded request needs it. Only when the host creates a request activity anyway (its request diagnostics log
    /// category is enabled, for log scopes) does the propagation-only listener stay, so that activity continues an
    /// incoming <c>traceparent</c> as before and is the trace context.
    /// </summary>
    public static void UseTraceContext(this WebApplication app)
    {
        if (Exporting(app.Configuration)
            || !app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(RequestDiagnosticsCategory).IsEnabled(LogLevel.Critical))
        {
            return;
        }

        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == AspNetCoreSource,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
        };
        ActivitySource.AddActivityListener(listener);
        app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopped.Register(listener.Dispose);
    }
}
