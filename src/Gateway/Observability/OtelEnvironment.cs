using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;

namespace Gateway.Observability;

/// <summary>
/// The standard <c>OTEL_*</c> variables as the OpenTelemetry specification defines them, where the gateway has a
/// choice to make: the service name (<c>OTEL_SERVICE_NAME</c>, else <c>service.name</c> in
/// <c>OTEL_RESOURCE_ATTRIBUTES</c>, else <c>gateway</c>) and whether traces are exported over OTLP (an
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> or <c>OTEL_EXPORTER_OTLP_TRACES_ENDPOINT</c> is set, or
/// <c>OTEL_TRACES_EXPORTER=otlp</c>; never with <c>OTEL_TRACES_EXPORTER=none</c>). Endpoint, protocol, headers and
/// timeouts are read by the OTLP exporter itself, generic and per-signal.
/// </summary>
public static class OtelEnvironment
{
    /// <summary>The service name when the environment names none.</summary>
    public const string DefaultServiceName = "gateway";

    /// <summary>Adds <see cref="DefaultServiceName"/> unless the environment names the service.</summary>
    public static ResourceBuilder AddDefaultService(ResourceBuilder resource, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var named = !string.IsNullOrWhiteSpace(environment("OTEL_SERVICE_NAME"))
            || (environment("OTEL_RESOURCE_ATTRIBUTES") ?? "").Split(',')
                .Any(pair => pair.Split('=', 2)[0].Trim() == "service.name");
        return named ? resource : resource.AddService(serviceName: DefaultServiceName);
    }

    /// <summary>
    /// Applies the per-signal <c>OTEL_EXPORTER_OTLP_TRACES_*</c> variables (endpoint used as given, protocol,
    /// headers, timeout) over the generic ones the exporter has already read.
    /// </summary>
    public static void ConfigureTracesExporter(OtlpExporterOptions options) => ConfigureTracesExporter(options, null);

    /// <summary>As <see cref="ConfigureTracesExporter(OtlpExporterOptions)"/>, reading <paramref name="environment"/>.</summary>
    public static void ConfigureTracesExporter(OtlpExporterOptions options, Func<string, string?>? environment)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var protocol = environment("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL") ?? environment("OTEL_EXPORTER_OTLP_PROTOCOL");
        if (protocol is { Length: > 0 })
        {
            options.Protocol = protocol.Trim() switch
            {
                "grpc" => OtlpExportProtocol.Grpc,
                "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
                _ => throw new Errors.GatewayStartupException(
                    $"OTEL_EXPORTER_OTLP_PROTOCOL '{protocol}' is not supported: use grpc or http/protobuf."),
            };
        }

        if (environment("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") is { Length: > 0 } endpoint)
        {
            options.Endpoint = Uri.TryCreate(endpoint, UriKind.Absolute, out var uri)
                ? uri
                : throw new Errors.GatewayStartupException($"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT '{endpoint}' is not an absolute URL.");
        }

        if (environment("OTEL_EXPORTER_OTLP_TRACES_HEADERS") is { Length: > 0 } headers)
        {
            options.Headers = headers;
        }

        if (int.TryParse(environment("OTEL_EXPORTER_OTLP_TRACES_TIMEOUT"), out var timeout) && timeout > 0)
        {
            options.TimeoutMilliseconds = timeout;
        }
    }

    /// <summary>Whether traces go to an OTLP exporter.</summary>
    public static bool ExportsTraces(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var exporters = (environment("OTEL_TRACES_EXPORTER") ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (exporters.Length > 0)
        {
            return exporters.Contains("otlp", StringComparer.OrdinalIgnoreCase);
        }

        return !string.IsNullOrEmpty(environment("OTEL_EXPORTER_OTLP_ENDPOINT"))
            || !string.IsNullOrEmpty(environment("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"));
    }
}
