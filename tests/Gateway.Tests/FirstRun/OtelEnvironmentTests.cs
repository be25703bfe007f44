using Gateway.Observability;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;

namespace Gateway.Tests.FirstRun;

/// <summary>The standard OTEL_* variables: service name precedence, when traces are exported, per-signal exporter settings.</summary>
public sealed class OtelEnvironmentTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    private static string? ServiceName(Func<string, string?> environment) =>
        OtelEnvironment.AddDefaultService(ResourceBuilder.CreateEmpty(), environment).Build()
            .Attributes.FirstOrDefault(a => a.Key == "service.name").Value as string;

    [Fact]
    public void ServiceName_DefaultsToGateway_ButNeverOverridesTheEnvironment()
    {
        Assert.Equal("gateway", ServiceName(Env()));
        Assert.Null(ServiceName(Env(("OTEL_SERVICE_NAME", "edge-eu1"))));
        Assert.Null(ServiceName(Env(("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=prod, service.name=edge"))));
        Assert.Equal("gateway", ServiceName(Env(("OTEL_RESOURCE_ATTRIBUTES", "service.namespace=edge"))));
    }

    [Theory]
    [InlineData(null, null, null, false)]
    [InlineData("http://collector:4317", null, null, true)]
    [InlineData(null, "http://collector:4318/v1/traces", null, true)]
    [InlineData(null, null, "otlp", true)]
    [InlineData("http://collector:4317", null, "none", false)]
    [InlineData(null, "http://collector:4318/v1/traces", "console", false)]
    public void ExportsTraces_FollowsTheEndpointsAndOtelTracesExporter(string? endpoint, string? tracesEndpoint, string? exporter, bool expected)
    {
        var environment = Env(
            ("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint!), ("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", tracesEndpoint!), ("OTEL_TRACES_EXPORTER", exporter!));

        Assert.Equal(expected, OtelEnvironment.ExportsTraces(environment));
    }

    [Fact]
    public void PerSignalSettings_OverrideTheGenericOnes_AndTheEndpointIsUsedAsGiven()
    {
        var options = new OtlpExporterOptions();

        OtelEnvironment.ConfigureTracesExporter(options, Env(
            ("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"),
            ("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf"),
            ("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "https://otel.example.com/custom/traces"),
            ("OTEL_EXPORTER_OTLP_TRACES_HEADERS", "x-tenant=a"),
            ("OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", "2500")));

        Assert.Equal(OtlpExportProtocol.HttpProtobuf, options.Protocol);
        Assert.Equal(new Uri("https://otel.example.com/custom/traces"), options.Endpoint);
        Assert.Equal("x-tenant=a", options.Headers);
        Assert.Equal(2500, options.TimeoutMilliseconds);
    }
}
