using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gateway.FunctionalTests.Infrastructure;

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
        Assert.True(gateways.ExportingHasTracer);
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var callerSpan = ActivitySpanId.CreateRandom().ToHexString();
        var traceParent = $"00-{traceId}-{callerSpan}-01";

        var (upstreamTraceParent, forwardedAudit) = await ForwardAsync(exporting, traceParent);
        var (problem, refusedAudit) = await RefuseAsync(exporting, traceParent);

        // Without export nothing is recorded, so the sampled flag is not passed on (as the propagation-only activity did).
        Assert.Matches($"^00-{traceId}-[0-9a-f]{{16}}-{(exporting ? "01" : "00")}$", upstreamTraceParent);
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

        var (upstreamTraceParent, forwardedAudit) = await ForwardAsync(exporting, traceParent: null);
        var (problem, refusedAudit) = await RefuseAsync(exporting, traceParent: null);

        Assert.Matches("^[0-9a-f]{32}$", forwardedAudit);
        Assert.Matches($"^00-{forwardedAudit}-[0-9a-f]{{16}}-{(exporting ? "01" : "00")}$", upstreamTraceParent);
        Assert.Matches("^[0-9a-f]{32}$", problem);
        Assert.Equal(problem, refusedAudit);
        Assert.NotEqual(forwardedAudit, problem);
    }

    [Fact]
    public async Task WithoutExport_TraceStateAndBaggage_ReachTheUpstream_AsThePropagatorWroteThem()
    {
        const bool exporting = false;
        var traceId = ActivityTraceId.CreateRandom().ToHexString();

        var (status, response) = await RawHttp.SendAsync(gateways.Proxy(exporting), "GET", "/public/baggage",
            [("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01"), ("tracestate", "a=1,B=2"), ("baggage", "k1=v1, k2=v%202")]);

        Assert.Equal(200, status);
        Assert.Matches("\"traceparent\":\\s*\\[\\s*\"00-" + traceId + "-", response);
        Assert.Matches("\"tracestate\":\\s*\\[\\s*\"a=1\"\\s*\\]", response);
        Assert.Matches("\"baggage\":\\s*\\[\\s*\"k1 = v1, k2 = v%202\"\\s*\\]", response);
    }

    // A bearer request forwarded to the echo upstream: the traceparent it received, and the audit event's trace id.
    private async Task<(string UpstreamTraceParent, string AuditTraceId)> ForwardAsync(bool exporting, string? traceParent)
    {
        var admin = gateways.Admin(exporting);
        var account = await CreateAccountAsync(admin, []);
        var token = await CreateBearerKeyAsync(admin, account);
        var (status, response) = await RawHttp.SendAsync(gateways.Proxy(exporting), "GET", "/echo/trace", Headers(token, traceParent));

        Assert.Equal(200, status);
        var upstream = Regex.Match(response, "\"traceparent\":\\s*\\[\\s*\"([^\"]+)\"");
        Assert.True(upstream.Success, response);
        return (upstream.Groups[1].Value, await AuditTraceIdAsync(admin, account, 200));
    }

    // A key whose account allows no loopback address: 403 with a problem body, and an audit event.
    private async Task<(string ProblemTraceId, string AuditTraceId)> RefuseAsync(bool exporting, string? traceParent)
    {
        var admin = gateways.Admin(exporting);
        var account = await CreateAccountAsync(admin, ["10.0.0.0/8"]);
        var token = await CreateBearerKeyAsync(admin, account);
        var (status, response) = await RawHttp.SendAsync(gateways.Proxy(exporting), "GET", "/echo/trace", Headers(token, traceParent));

        Assert.Equal((int)HttpStatusCode.Forbidden, status);
        var body = response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        var problem = JsonDocument.Parse(body[body.IndexOf('{')..(body.LastIndexOf('}') + 1)]).RootElement.GetProperty("traceId").GetString()!;
        return (problem, await AuditTraceIdAsync(admin, account, 403));
    }

    private static async Task<string> CreateAccountAsync(HttpClient admin, string[] allowedCidrs)
    {
        var response = await admin.PostAsJsonAsync("/v1/service-accounts",
            new { name = "trace-" + Guid.NewGuid().ToString("N")[..8], orgId = "acme", roles = new[] { "editor" }, allowedCidrs });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    private static async Task<string> CreateBearerKeyAsync(HttpClient admin, string account)
    {
        var response = await admin.PostAsJsonAsync($"/v1/service-accounts/{account}/keys", new { kind = "bearer" });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("token").GetString()!;
    }

    private static List<(string, string)> Headers(string token, string? traceParent) =>
        traceParent is null ? [("Authorization", "Bearer " + token)] : [("Authorization", "Bearer " + token), ("traceparent", traceParent)];

    private static async Task<string> AuditTraceIdAsync(HttpClient admin, string account, int status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var items = JsonDocument.Parse(await admin.GetStringAsync($"/v1/audit?principalId={account}&action=proxy.request"))
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
