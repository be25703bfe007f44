using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gateway.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Gateway.FunctionalTests.Telemetry.TraceContext;

/// <summary>
/// A request's one trace id: in its audit event and the upstream's <c>traceparent</c> (a forwarded request), in its
/// audit event and problem body (a request refused with 403, which is audited) — continued from a valid incoming
/// <c>traceparent</c> or new — with spans exported (the request activity) or not (the gateway's own trace context,
/// no activity). Sent over a raw socket: HttpClient's own instrumentation would replace the traceparent in this process.
/// </summary>
public sealed class RequestTraceContextTests(TraceContextGateways gateways) : IClassFixture<TraceContextGateways>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task IncomingTraceParent_ItsTraceId_ReachesProblem_Audit_AndUpstream(bool exporting)
    {
        var gateway = gateways.Of(exporting);
        Assert.Equal(exporting, gateway.Services.GetService<TracerProvider>() is not null);
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var callerSpan = ActivitySpanId.CreateRandom().ToHexString();
        var traceParent = $"00-{traceId}-{callerSpan}-01";

        var (upstreamTraceParent, forwardedAudit) = await ForwardAsync(gateway, traceParent);
        var (problem, refusedAudit) = await RefuseAsync(gateway, traceParent);

        Assert.Matches($"^00-{traceId}-[0-9a-f]{{16}}-[0-9a-f]{{2}}$", upstreamTraceParent);
        Assert.DoesNotContain(callerSpan, upstreamTraceParent);
        Assert.Equal(traceId, forwardedAudit);
        Assert.Equal(traceId, problem);
        Assert.Equal(traceId, refusedAudit);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task NoTraceParent_OneNewTraceIdPerRequest_InProblem_Audit_AndUpstream(bool exporting)
    {
        var gateway = gateways.Of(exporting);

        var (upstreamTraceParent, forwardedAudit) = await ForwardAsync(gateway, traceParent: null);
        var (problem, refusedAudit) = await RefuseAsync(gateway, traceParent: null);

        Assert.Matches("^[0-9a-f]{32}$", forwardedAudit);
        Assert.Matches($"^00-{forwardedAudit}-[0-9a-f]{{16}}-0[01]$", upstreamTraceParent);
        Assert.Matches("^[0-9a-f]{32}$", problem);
        Assert.Equal(problem, refusedAudit);
        Assert.NotEqual(forwardedAudit, problem);
    }

    // A bearer request forwarded to the echo upstream: the traceparent it received, and the audit event's trace id.
    private static async Task<(string UpstreamTraceParent, string AuditTraceId)> ForwardAsync(GatewayHost gateway, string? traceParent)
    {
        var (account, _, token) = await gateway.CreateCallerAsync("trace-" + Guid.NewGuid().ToString("N")[..8]);
        var (status, response) = await RawHttp.SendAsync(gateway.Proxy.BaseAddress!, "GET", "/echo/trace", Headers(token, traceParent));

        Assert.Equal(200, status);
        var upstream = Regex.Match(response, "\"traceparent\":\\s*\\[\\s*\"([^\"]+)\"");
        Assert.True(upstream.Success, response);
        return (upstream.Groups[1].Value, await AuditTraceIdAsync(gateway, account, 200));
    }

    // A key whose account allows no loopback address: 403 with a problem body, and an audit event.
    private static async Task<(string ProblemTraceId, string AuditTraceId)> RefuseAsync(GatewayHost gateway, string? traceParent)
    {
        var account = await gateway.CreateAccountAsync("trace-ip-" + Guid.NewGuid().ToString("N")[..8], allowedCidrs: ["10.0.0.0/8"]);
        var (_, token) = await gateway.CreateBearerKeyAsync(account);
        var (status, response) = await RawHttp.SendAsync(gateway.Proxy.BaseAddress!, "GET", "/echo/trace", Headers(token, traceParent));

        Assert.Equal((int)HttpStatusCode.Forbidden, status);
        var body = response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        var problem = JsonDocument.Parse(body[body.IndexOf('{')..(body.LastIndexOf('}') + 1)]).RootElement.GetProperty("traceId").GetString()!;
        return (problem, await AuditTraceIdAsync(gateway, account, 403));
    }

    private static List<(string, string)> Headers(string token, string? traceParent) =>
        traceParent is null ? [("Authorization", "Bearer " + token)] : [("Authorization", "Bearer " + token), ("traceparent", traceParent)];

    private static async Task<string> AuditTraceIdAsync(GatewayHost gateway, string account, int status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var items = JsonDocument.Parse(await gateway.Admin.GetStringAsync($"/v1/audit?principalId={account}&action=proxy.request"))
                .RootElement.GetProperty("items").EnumerateArray().ToArray();
            if (items.Length > 0 || DateTime.UtcNow > deadline)
            {
                var item = Assert.Single(items);
                Assert.Equal(status, item.GetProperty("status").GetInt32());
                return item.GetProperty("traceId").GetString()!;
            }

            await Task.Delay(50);
        }
    }
}
