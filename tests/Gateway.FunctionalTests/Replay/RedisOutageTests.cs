using System.Diagnostics;
using System.Net;
using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.Replay;

/// <summary>
/// A gateway with Redis nonces while redis-server goes away and comes back: signed requests fail closed with 503
/// quickly, bearer requests carry on, readiness reports it, and signing works again without a gateway restart.
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
}
