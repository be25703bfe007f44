using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Errors;
using Gateway.FunctionalTests.Infrastructure;
using Gateway.FunctionalTests.Redis;
using Gateway.Testing;

namespace Gateway.FunctionalTests.RateLimiting;

/// <summary>
/// The real redis-server stopped under two replicas: one fail-open (Replicas=2, so its local share is half the limit),
/// one fail-closed. Signed requests on a limited route fail closed in both (their nonce cannot be reserved).
/// </summary>
public sealed class RateLimitOutageTests : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private EchoUpstreamHost _upstream = null!;
    private GatewayHost _open = null!;
    private GatewayHost _closed = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.LaunchAsync(persistent: true);
        _upstream = await EchoUpstreamHost.StartAsync();
        var mode = new RedisMode(_redis.Configuration, new Dictionary<string, string?> { ["Gateway:Redis:MaxStaleness"] = "00:05:00" });
        _open = await RateLimitReplicaFixture.StartAsync(mode, _upstream.Url, new Dictionary<string, string?> { ["Gateway:RateLimiting:Replicas"] = "2" });
        _closed = await RateLimitReplicaFixture.StartAsync(mode, _upstream.Url, new Dictionary<string, string?> { ["Gateway:RateLimiting:OnRedisFailure"] = "closed" });
    }

    public async Task DisposeAsync()
    {
        await _open.DisposeAsync();
        await _closed.DisposeAsync();
        await _upstream.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task RedisDown_FailOpenAdmitsItsShare_FailClosedAnswers503_SignedRequestsFailClosed()
    {
        var response = await _open.Admin.PostAsJsonAsync("/v1/service-accounts",
            new { name = "outage", orgId = "acme", roles = new[] { "editor" }, rateLimit = new { requestsPerMinute = 10 } });
        var accountId = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        var (_, token) = await _open.CreateBearerKeyAsync(accountId);
        var (keyId, secret) = await _open.CreateHmacKeyAsync(accountId);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(_open, token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(_closed, token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignedGet.Create("/echo/s", keyId, secret).SendAsync(_open.Proxy)).StatusCode);
        var before = await PrometheusScrape.ReadAsync(_open.Status);

        await _redis.StopAsync();

        // Fail-open: the local limiter admits this replica's share (10 ÷ 2 replicas = 5 per minute), then 429.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            statuses.Add((await GetAsync(_open, token)).StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 5), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 3)], statuses);
        var after = await PrometheusScrape.ReadAsync(_open.Status);
        Assert.Equal(8, after.Delta(before, "gateway_ratelimit_fallback_decisions_total"));

        // Fail-closed: 503 with Retry-After, never a 500.
        var closed = await GetAsync(_closed, token);
        await ProblemAssert.HasCodeAsync(closed, HttpStatusCode.ServiceUnavailable, ErrorCodes.RateLimitUnavailable);
        Assert.NotNull(closed.Headers.RetryAfter);

        // A signed request's nonce cannot be reserved: refused in either mode.
        await ProblemAssert.HasCodeAsync(await SignedGet.Create("/echo/s", keyId, secret).SendAsync(_open.Proxy),
            HttpStatusCode.ServiceUnavailable, ErrorCodes.AuthUnavailable);

        // Redis back: the shared limiter decides again (8 of the 10 were left before the outage: at least one admitted).
        await _redis.StartAsync();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        HttpStatusCode status;
        do
        {
            status = (await GetAsync(_closed, token)).StatusCode;
        }
        while (status == HttpStatusCode.ServiceUnavailable && DateTime.UtcNow < deadline && await Delay());

        Assert.Equal(HttpStatusCode.OK, status);
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(100);
        return true;
    }

    private static async Task<HttpResponseMessage> GetAsync(GatewayHost gateway, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo/outage");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await gateway.Proxy.SendAsync(request);
    }
}
