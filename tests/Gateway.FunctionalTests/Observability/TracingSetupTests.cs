using System.Diagnostics;
using System.Net;
using Gateway.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Gateway.FunctionalTests.Observability;

/// <summary>Without an OTLP endpoint no tracer provider exists (no span work); with one, spans are recorded.</summary>
public sealed class TracingSetupTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task WithoutEndpoint_NoTracerProvider_ButRequestsHaveATraceId()
    {
        Assert.Null(fixture.Gateway.Services.GetService<TracerProvider>());
        var traceId = ActivityTraceId.CreateRandom().ToHexString();

        var (status, body) = await RawHttp.SendAsync(fixture.Gateway.Proxy.BaseAddress!, "GET", "/echo/x",
            [("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01"), ("Authorization", "Bearer gwk_nope")]);

        Assert.Equal(401, status);
        Assert.Contains($"\"traceId\":\"{traceId}\"", body);
    }

    [Fact]
    public async Task WithoutEndpoint_TheUpstreamReceivesTheRequestsTraceContext_NotTheCallersParent()
    {
        // No diagnostics handler on the upstream client then: the identity transform writes traceparent itself.
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var callerSpan = ActivitySpanId.CreateRandom().ToHexString();

        var (status, body) = await RawHttp.SendAsync(fixture.Gateway.Proxy.BaseAddress!, "GET", "/public/x",
            [("traceparent", $"00-{traceId}-{callerSpan}-01"), ("tracestate", "vendor=1")]);

        Assert.Equal(200, status);
        Assert.Matches("\"traceparent\":\\s*\\[\\s*\"00-" + traceId + "-[0-9a-f]{16}-[0-9a-f]{2}\"\\s*\\]", body);
        Assert.DoesNotContain(callerSpan, body);
        Assert.Matches("\"tracestate\":\\s*\\[\\s*\"vendor=1\"\\s*\\]", body);
    }

    [Fact]
    public async Task WithEndpoint_TheConfiguredSamplerDecides_ParentBased()
    {
        // Nothing listens there: export fails in the background, which the request path never waits for.
        await using var gateway = await GatewayHost.StartAsync(fixture.Upstream.Url, new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9",
            ["OTEL_TRACES_SAMPLER"] = "parentbased_traceidratio",
            ["OTEL_TRACES_SAMPLER_ARG"] = "0",
        });
        Assert.NotNull(gateway.Services.GetService<TracerProvider>());
        var traceId = ActivityTraceId.CreateRandom().ToHexString();

        // The caller's decision is followed at ratio 0: a sampled parent stays sampled towards the upstream, an unsampled one unsampled.
        var (sampledStatus, sampled) = await RawHttp.SendAsync(gateway.Proxy.BaseAddress!, "GET", "/public/x",
            [("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01")]);
        var otherTrace = ActivityTraceId.CreateRandom().ToHexString();
        var (rootStatus, root) = await RawHttp.SendAsync(gateway.Proxy.BaseAddress!, "GET", "/public/x",
            [("traceparent", $"00-{otherTrace}-{ActivitySpanId.CreateRandom().ToHexString()}-00")]);

        Assert.Equal(200, sampledStatus);
        Assert.Equal(200, rootStatus);
        Assert.Matches("\"traceparent\":\\s*\\[\\s*\"00-" + traceId + "-[0-9a-f]{16}-01\"", sampled);
        Assert.Matches("\"traceparent\":\\s*\\[\\s*\"00-" + otherTrace + "-[0-9a-f]{16}-00\"", root);
    }
}
