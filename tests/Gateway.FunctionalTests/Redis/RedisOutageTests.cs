using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Gateway.Errors;
using Gateway.FunctionalTests.Infrastructure;
using Gateway.Testing;
using Xunit.Abstractions;

namespace Gateway.FunctionalTests.Redis;

/// <summary>
/// A real Redis outage under a running gateway in redis store mode: the redis-server process is killed while
/// requests flow, then started again on the same port from its append-only file. Gateway:Redis:MaxStaleness is
/// ten seconds so both sides of the grace are observed: what must happen inside it (nine requests and a burst of 51)
/// has room on a loaded machine (it was three seconds, with a one-second bound on the burst).
/// </summary>
public sealed class RedisOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan MaxStaleness = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Fast = TimeSpan.FromSeconds(5);
    private readonly List<HttpStatusCode> _statuses = [];
    private RedisServer _redis = null!;
    private EchoUpstreamHost _upstream = null!;
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.LaunchAsync(persistent: true);
        _upstream = await EchoUpstreamHost.StartAsync();
        var mode = new RedisMode(_redis.Configuration, new Dictionary<string, string?>
        {
            ["Gateway:Redis:MaxStaleness"] = MaxStaleness.ToString(),
        });
        _gateway = await mode.StartReplicaAsync(_upstream.Url);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _upstream.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task RedisDown_DegradesAsDocumented_AndRedisBack_RestoresFullServiceWithoutLosingKeys()
    {
        var (accountId, _, cached) = await _gateway.CreateCallerAsync("outage-cached");
        var (_, uncached) = await _gateway.CreateBearerKeyAsync(accountId);
        var (hmacId, secret) = await RedisMode.CreateHmacKeyAsync(_gateway, accountId);
        Assert.Equal(HttpStatusCode.OK, await BearerAsync(cached));
        Assert.Equal(HttpStatusCode.OK, await SignedAsync(hmacId, secret));

        var stoppedAt = Stopwatch.GetTimestamp();
        await _redis.StopAsync();

        // Within MaxStaleness: cached bearer keys work, everything that needs Redis answers 503, nothing hangs.
        Assert.Equal(HttpStatusCode.OK, await BearerAsync(cached));
        await AssertUnavailableAsync(await GetAsync(uncached));
        await AssertUnavailableAsync(await SignedGet.Create("/echo/signed", hmacId, secret).SendAsync(_gateway.Proxy));
        await AssertUnavailableAsync(await Track(_gateway.Admin.PostAsJsonAsync("/v1/service-accounts",
            new { name = "during-outage", orgId = "acme", roles = new[] { "reader" } })));
        await AssertUnavailableAsync(await Track(_gateway.Admin.GetAsync("/v1/service-accounts")));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Track(_gateway.Status.GetAsync("/readyz"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Track(_gateway.Status.GetAsync("/healthz"))).StatusCode);

        var burst = Stopwatch.GetTimestamp();
        var anonymous = await Track(_gateway.Proxy.GetAsync("/public/ping"));
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => BearerAsync(cached)));
        var burstTime = Stopwatch.GetElapsedTime(burst);
        output.WriteLine($"during the outage: anonymous + 50 concurrent cached-key requests took {burstTime.TotalMilliseconds:F0} ms");
        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.All(concurrent, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.True(burstTime < Fast, $"took {burstTime.TotalMilliseconds} ms");

        // After MaxStaleness: cached keys stop too (503, never 401: the key was not refused, the store is away).
        HttpResponseMessage late;
        do
        {
            await Task.Delay(100);
            late = await GetAsync(cached);
        }
        while (late.StatusCode == HttpStatusCode.OK && Stopwatch.GetElapsedTime(stoppedAt) < MaxStaleness * 2);

        var servedFor = Stopwatch.GetElapsedTime(stoppedAt);
        output.WriteLine($"cached key served for {servedFor.TotalMilliseconds:F0} ms after Redis stopped (MaxStaleness {MaxStaleness})");
        await AssertUnavailableAsync(late);
        Assert.True(servedFor >= MaxStaleness, $"refused after {servedFor.TotalMilliseconds} ms");

        // Redis back (same port, same append-only file): full service without restarting the gateway.
        await _redis.StartAsync();
        var restartedAt = Stopwatch.GetTimestamp();
        while (!(await BearerAsync(cached) == HttpStatusCode.OK && await BearerAsync(uncached) == HttpStatusCode.OK
                 && (await Track(_gateway.Status.GetAsync("/readyz"))).StatusCode == HttpStatusCode.OK))
        {
            // The reconnect's back-off alone may wait 5 s (RedisConnectionFactory's ExponentialRetry(500, 5000)).
            Assert.True(Stopwatch.GetElapsedTime(restartedAt) < TimeSpan.FromSeconds(30), "the gateway did not recover within 30 s");
            await Task.Delay(100);
        }

        output.WriteLine($"full service back {Stopwatch.GetElapsedTime(restartedAt).TotalMilliseconds:F0} ms after Redis restarted");
        Assert.Equal(HttpStatusCode.OK, await SignedAsync(hmacId, secret));
        Assert.Equal(HttpStatusCode.Created, (await Track(_gateway.Admin.PostAsJsonAsync("/v1/service-accounts",
            new { name = "during-outage", orgId = "acme", roles = new[] { "reader" } }))).StatusCode);
        Assert.DoesNotContain(HttpStatusCode.InternalServerError, _statuses);
    }

    private async Task<HttpResponseMessage> Track(Task<HttpResponseMessage> call)
    {
        var response = await call;
        lock (_statuses)
        {
            _statuses.Add(response.StatusCode);
        }

        return response;
    }

    private Task<HttpResponseMessage> GetAsync(string token) => Track(RedisMode.GetAsync(_gateway, token));

    private async Task<HttpStatusCode> BearerAsync(string token) => (await GetAsync(token)).StatusCode;

    private async Task<HttpStatusCode> SignedAsync(string keyId, string secret) =>
        (await Track(SignedGet.Create("/echo/signed", keyId, secret).SendAsync(_gateway.Proxy))).StatusCode;

    private static async Task AssertUnavailableAsync(HttpResponseMessage response)
    {
        await ProblemAssert.HasCodeAsync(response, HttpStatusCode.ServiceUnavailable, ErrorCodes.AuthUnavailable);
        Assert.NotNull(response.Headers.RetryAfter);
    }
}
