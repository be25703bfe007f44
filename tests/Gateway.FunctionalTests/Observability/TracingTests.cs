using System.Collections.Concurrent;
using System.Diagnostics;
using Gateway.FunctionalTests.Infrastructure;
using Gateway.Telemetry;

namespace Gateway.FunctionalTests.Observability;

/// <summary>Traces: the authenticate span sits in the request's trace, and that trace reaches the upstream.</summary>
public sealed class TracingTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>, IDisposable
{
    private readonly ConcurrentBag<Activity> _activities = [];
    private readonly ActivityListener _listener = Listen(fixture);

    private static ActivityListener Listen(GatewayFixture fixture) => new()
    {
        ShouldListenTo = source => source.Name == GatewayTelemetry.SourceName,
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    };

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task ProxiedRequest_HasAuthenticateSpan_InTheTraceTheUpstreamReceives()
    {
        _listener.ActivityStopped = activity => _activities.Add(activity);
        ActivitySource.AddActivityListener(_listener);
        var (account, keyId, token) = await fixture.Gateway.CreateCallerAsync("traced");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo/traced");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        var echo = await Echo.ReadAsync(await fixture.Gateway.Proxy.SendAsync(request));

        var traceparent = echo.Header("traceparent");
        Assert.NotNull(traceparent);
        var traceId = traceparent!.Split('-')[1];
        var span = Assert.Single(_activities, a => a.TraceId.ToHexString() == traceId && a.OperationName == GatewayTelemetry.AuthenticateSpan);
        Assert.Equal("api-key", span.GetTagItem(GatewayTelemetry.SchemeAttribute));
        Assert.Equal("success", span.GetTagItem(GatewayTelemetry.OutcomeAttribute));
        Assert.Equal(account, span.GetTagItem(GatewayTelemetry.PrincipalAttribute));
        Assert.Equal(keyId, span.GetTagItem(GatewayTelemetry.KeyAttribute));
        Assert.NotEqual(default, span.ParentSpanId);
        Assert.DoesNotContain(span.TagObjects, t => t.Value?.ToString()?.Contains(token[^40..], StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task SignedRequest_HasOneAuthenticateSpan_WithItsSchemeAndOutcome_InTheRequestsTrace()
    {
        _listener.ActivityStopped = activity => _activities.Add(activity);
        ActivitySource.AddActivityListener(_listener);
        var (account, keyId, secret) = await fixture.Gateway.CreateHmacCallerAsync("traced-signed");
        var signer = new Rfc9421RequestSigner(fixture.Gateway.Proxy.BaseAddress!, keyId, secret);

        var echo = await Echo.ReadAsync(await signer.Sign("GET", "/echo/traced-signed").SendAsync(fixture.Gateway.Proxy));
        var forged = await new Rfc9421RequestSigner(fixture.Gateway.Proxy.BaseAddress!, keyId, secret + "x")
            .Sign("GET", "/echo/traced-forged").SendAsync(fixture.Gateway.Proxy);

        // The span is recorded inside the authenticator's own async method: one per attempt, in the request's trace.
        var traceId = echo.Header("traceparent")!.Split('-')[1];
        var span = Assert.Single(_activities, a => a.TraceId.ToHexString() == traceId && a.OperationName == GatewayTelemetry.AuthenticateSpan);
        Assert.Equal("rfc9421", span.GetTagItem(GatewayTelemetry.SchemeAttribute));
        Assert.Equal("success", span.GetTagItem(GatewayTelemetry.OutcomeAttribute));
        Assert.Equal(account, span.GetTagItem(GatewayTelemetry.PrincipalAttribute));
        Assert.Equal(keyId, span.GetTagItem(GatewayTelemetry.KeyAttribute));
        Assert.NotEqual(default, span.ParentSpanId);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Contains(_activities, a => a.OperationName == GatewayTelemetry.AuthenticateSpan
            && "rfc9421".Equals(a.GetTagItem(GatewayTelemetry.SchemeAttribute))
            && "invalid_credentials".Equals(a.GetTagItem(GatewayTelemetry.OutcomeAttribute)) && a.Status == ActivityStatusCode.Error);
    }

    [Fact]
    public async Task IncomingTraceContext_IsContinued_AndItsTraceIdIsInTheErrorBody()
    {
        // Sent over a raw socket: HttpClient's own instrumentation would replace the traceparent in this process.
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var (status, response) = await RawHttp.SendAsync(fixture.Gateway.Proxy.BaseAddress!, "GET", "/echo/x",
            [("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01"), ("Authorization", "Bearer gwk_nope")]);
        Assert.Equal(401, status);
        Assert.Contains($"\"traceId\":\"{traceId}\"", response);
    }
}
