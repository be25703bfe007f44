using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Gateway.FunctionalTests.Infrastructure;
using Gateway.Telemetry;

namespace Gateway.FunctionalTests.Replay;

/// <summary>
/// A gateway with Redis nonces while redis-server goes away and comes back: signed requests fail closed with 503
/// quickly, bearer requests carry on, readiness reports it, and signing works again without a gateway restart; and,
/// with Redis up, what the authenticate span records around the wait for Redis.
/// </summary>
public sealed class RedisOutageTests : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private EchoUpstreamHost _upstream = null!;
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.LaunchAsync();
        _upstream = await EchoUpstreamHost.StartAsync();
        _gateway = await GatewayHost.StartAsync(_upstream.Url, new Dictionary<string, string?>
        {
            ["Gateway:Redis:Configuration"] = _redis.Configuration,
        });
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _upstream.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task RedisDown_SignedRequestsAre503AuthUnavailable_BearerStillWorks_AndRecoveryNeedsNoRestart()
    {
        var (account, keyId, secret) = await _gateway.CreateHmacCallerAsync("outage");
        var (_, token) = await _gateway.CreateBearerKeyAsync(account);
        var signer = new Rfc9421RequestSigner(_gateway.Proxy.BaseAddress!, keyId, secret);
        var sigv4 = new SigV4RequestSigner(_gateway.Proxy.BaseAddress!, keyId, secret);

        Assert.Equal(HttpStatusCode.OK, (await signer.Sign("GET", "/echo/before").SendAsync(_gateway.Proxy)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _gateway.Status.GetAsync("/readyz")).StatusCode);

        await _redis.StopAsync();

        var elapsed = Stopwatch.StartNew();
        var refused = await signer.Sign("POST", "/echo/during", "{}"u8.ToArray()).SendAsync(_gateway.Proxy);
        Assert.True(elapsed.Elapsed < TimeSpan.FromSeconds(5), $"the refusal took {elapsed.Elapsed}");
        await ProblemAssert.HasCodeAsync(refused, HttpStatusCode.ServiceUnavailable, "auth_unavailable");
        Assert.NotNull(refused.Headers.RetryAfter);
        await ProblemAssert.HasCodeAsync(await sigv4.Sign("GET", "/echo/during").SendAsync(_gateway.Proxy), HttpStatusCode.ServiceUnavailable, "auth_unavailable");

        var ready = await _gateway.Status.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("nonces", await ready.Content.ReadAsStringAsync());

        using (var bearer = new HttpRequestMessage(HttpMethod.Get, "/echo/bearer-during"))
        {
            bearer.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
            Assert.Equal("api-key", (await Echo.ReadAsync(await _gateway.Proxy.SendAsync(bearer))).Header("X-Gateway-Auth-Scheme"));
        }

        // A request that does not verify is still answered as such: nothing needs Redis before the signature checks out.
        var forged = new Rfc9421RequestSigner(_gateway.Proxy.BaseAddress!, keyId, secret + "x").Sign("GET", "/echo/forged");
        await ProblemAssert.HasCodeAsync(await forged.SendAsync(_gateway.Proxy), HttpStatusCode.Unauthorized, "invalid_credentials");

        await _redis.StartAsync();

        var deadline = DateTime.UtcNow.AddSeconds(15);
        var status = HttpStatusCode.ServiceUnavailable;
        while (status == HttpStatusCode.ServiceUnavailable && DateTime.UtcNow < deadline)
        {
            status = (await signer.Sign("GET", "/echo/after").SendAsync(_gateway.Proxy)).StatusCode;
            if (status == HttpStatusCode.ServiceUnavailable)
            {
                await Task.Delay(100);
            }
        }

        Assert.Equal(HttpStatusCode.OK, status);
        var replay = sigv4.Sign("GET", "/echo/after-sigv4");
        Assert.Equal(HttpStatusCode.OK, (await replay.SendAsync(_gateway.Proxy)).StatusCode);
        await ProblemAssert.HasCodeAsync(await replay.SendAsync(_gateway.Proxy), HttpStatusCode.Unauthorized, "replayed_request");
        Assert.Equal(HttpStatusCode.OK, (await _gateway.Status.GetAsync("/readyz")).StatusCode);
    }

    /// <summary>
    /// With Redis up: the authentication waits for Redis outside the method that started its span, so the span must
    /// still record the outcome once Redis answered, and must not be left current for the rest of the request (the
    /// forwarder's outgoing call is not its child).
    /// </summary>
    [Fact]
    public async Task SignedRequests_ReservedInRedis_RecordTheirOutcome_AndLeaveNoSpanCurrentForTheForwarder()
    {
        // Only the gateway's and YARP's spans, and AllData (not AllDataAndRecorded): a listener of this test must not
        // flip the sampled flag of other tests' requests running in parallel (TracingSetupTests reads it).
        var stopped = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is GatewayTelemetry.SourceName or "Yarp.ReverseProxy",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = stopped.Add,
        };
        ActivitySource.AddActivityListener(listener);
        var (account, keyId, secret) = await _gateway.CreateHmacCallerAsync("traced-redis");
        var rfc9421 = new Rfc9421RequestSigner(_gateway.Proxy.BaseAddress!, keyId, secret);
        var sigv4 = new SigV4RequestSigner(_gateway.Proxy.BaseAddress!, keyId, secret);

        var first = rfc9421.Sign("GET", "/echo/traced-redis");
        var accepted = await Echo.ReadAsync(await first.SendAsync(_gateway.Proxy));
        var replayed = await first.SendAsync(_gateway.Proxy);
        var viaSigV4 = await Echo.ReadAsync(await sigv4.Sign("GET", "/echo/traced-redis-sigv4").SendAsync(_gateway.Proxy));

        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        foreach (var (echo, scheme) in new[] { (accepted, "rfc9421"), (viaSigV4, "aws-sigv4") })
        {
            var traceparent = echo.Header("traceparent")!.Split('-');
            var span = Assert.Single(stopped, a => a.TraceId.ToHexString() == traceparent[1] && a.OperationName == GatewayTelemetry.AuthenticateSpan);
            Assert.Equal(scheme, span.GetTagItem(GatewayTelemetry.SchemeAttribute));
            Assert.Equal("success", span.GetTagItem(GatewayTelemetry.OutcomeAttribute));
            Assert.Equal(account, span.GetTagItem(GatewayTelemetry.PrincipalAttribute));
            Assert.NotEqual(span.SpanId.ToHexString(), traceparent[2]);

            // Nothing of the request is the span's child: had it stayed current, the forwarder's span would be.
            Assert.DoesNotContain(stopped, a => a.TraceId == span.TraceId && a.ParentSpanId == span.SpanId);
        }

        Assert.Contains(stopped, a => a.OperationName == GatewayTelemetry.AuthenticateSpan
            && "replayed_request".Equals(a.GetTagItem(GatewayTelemetry.OutcomeAttribute)) && a.Status == ActivityStatusCode.Error);
    }
}
