using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Errors;
using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.RateLimiting;

/// <summary>Redis mode: limits exact across two replicas, quotas, headers, and signed requests in one round trip.</summary>
public sealed class RedisRateLimitTests(RateLimitReplicaFixture fixture) : IClassFixture<RateLimitReplicaFixture>
{
    private const int N = 20;

    [Fact]
    public async Task TwoReplicas_ThreeTimesTheLimitFiredConcurrently_AdmitExactlyTheLimit()
    {
        var (_, token) = await CallerAsync("exact", new { rateLimit = new { requestsPerMinute = N } });
        var replicas = new[] { fixture.A, fixture.B };
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var responses = await Task.WhenAll(Enumerable.Range(0, 3 * N).Select(i => GetAsync(replicas[i % 2], token, "/echo/x")));
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);

        // The limit refills one request every 60 s / N = 3 s: a burst that a loaded machine spreads over more than 3 s
        // earns one more admission per 3 s, and no other.
        var earned = (int)(elapsed.TotalSeconds / (60.0 / N));
        var admitted = responses.Count(r => r.StatusCode == HttpStatusCode.OK);
        Assert.InRange(admitted, N, N + earned);
        Assert.Equal(3 * N - admitted, responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
        var refused = responses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        await ProblemAssert.HasCodeAsync(refused, HttpStatusCode.TooManyRequests, ErrorCodes.RateLimited);
        Assert.InRange(int.Parse(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)), 1, 3);
        Assert.Equal($"\"rate\";q={N};w=60", Header(refused, "RateLimit-Policy"));
        Assert.StartsWith("\"rate\";r=0;t=", Header(refused, "RateLimit"));
        Assert.All(responses.Where(r => r.IsSuccessStatusCode), r => Assert.Equal($"\"rate\";q={N};w=60", Header(r, "RateLimit-Policy")));
    }

    [Fact]
    public async Task DailyQuota_IsSharedByTheReplicas_AndAnswersQuotaExceededUntilMidnight()
    {
        var (_, token) = await CallerAsync("quota", new { quota = new { perDay = 4 } });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await GetAsync(i % 2 == 0 ? fixture.A : fixture.B, token, "/echo/q");
            statuses.Add(response.StatusCode);
            if (i == 0)
            {
                Assert.Equal("\"quota\";q=4;w=86400", Header(response, "RateLimit-Policy"));
                Assert.StartsWith("\"quota\";r=3;t=", Header(response, "RateLimit"));
            }
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 4), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        var refused = await GetAsync(fixture.B, token, "/echo/q");
        await ProblemAssert.HasCodeAsync(refused, HttpStatusCode.TooManyRequests, ErrorCodes.QuotaExceeded);
        var untilMidnight = DateTimeOffset.UtcNow.Date.AddDays(1) - DateTime.UtcNow;
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, untilMidnight.TotalSeconds - 5, untilMidnight.TotalSeconds + 5);
    }

    [Fact]
    public async Task RouteCeiling_AndDefault_ApplyPerAccountAcrossReplicas_UnlimitedRoutesSendNoHeaders()
    {
        var (_, token) = await CallerAsync("routes", new { });
        var ceiling = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => GetAsync(i % 2 == 0 ? fixture.A : fixture.B, token, "/ceiling/x")));
        Assert.Equal(3, ceiling.Count(r => r.StatusCode == HttpStatusCode.OK));
        var defaulted = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => GetAsync(i % 2 == 0 ? fixture.A : fixture.B, token, "/defaulted/x")));
        Assert.Equal(2, defaulted.Count(r => r.StatusCode == HttpStatusCode.OK));

        using var unlimited = await GetAsync(fixture.A, token, "/echo/x");
        Assert.Equal(HttpStatusCode.OK, unlimited.StatusCode);
        Assert.False(unlimited.Headers.Contains("RateLimit-Policy"));

        // An account with its own (looser) rate is not held to the route default, but is to the ceiling.
        var (_, own) = await CallerAsync("routes-own", new { rateLimit = new { requestsPerSecond = 100 } });
        var ownDefaulted = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => GetAsync(fixture.A, own, "/defaulted/x")));
        Assert.All(ownDefaulted, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var ownCeiling = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => GetAsync(fixture.B, own, "/ceiling/x")));
        Assert.Equal(3, ownCeiling.Count(r => r.StatusCode == HttpStatusCode.OK));
    }

    [Fact]
    public async Task SignedRequest_OnALimitedRoute_MakesOneRedisRoundTrip_AndAReplayIsStillRefused()
    {
        var accountId = await AccountAsync("signed", new { rateLimit = new { requestsPerSecond = 50 } });
        var (keyId, secret) = await fixture.A.CreateHmacKeyAsync(accountId);
        using (var warm = await SignedGet.Create("/echo/warm", keyId, secret).SendAsync(fixture.A.Proxy))
        {
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        await using var monitor = await RedisMonitor.StartAsync(fixture.Redis.Port);
        var signed = SignedGet.Create("/echo/once", keyId, secret);
        using (var response = await signed.SendAsync(fixture.A.Proxy))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("\"rate\";q=50;w=1", Header(response, "RateLimit-Policy"));
        }

        await monitor.SyncAsync(fixture.Redis.Port);

        // Every command a client sent that touched this key's nonce or the account's limiter (commands run inside a
        // script are listed as "[0 lua]"): exactly one script call, which holds both.
        var commands = monitor.Matching($"{{{accountId}}}:")
            .Where(l => !l.Contains(" lua] ", StringComparison.Ordinal))
            .Where(l => l.Contains(":nonce:", StringComparison.Ordinal) || l.Contains(":rl:", StringComparison.Ordinal)).ToArray();
        var call = Assert.Single(commands);
        Assert.Contains("\"EVALSHA\"", call.ToUpperInvariant());
        Assert.Contains(":nonce:" + keyId, call);
        Assert.Contains(":rl:a", call);
        Assert.Equal(call, Assert.Single(monitor.Matching($"nonce:{keyId}:"), l => !l.Contains(" lua] ", StringComparison.Ordinal)));

        // The same request again, on the other replica: refused as a replay, and it did not consume a slot.
        using var replay = await signed.SendAsync(fixture.B.Proxy);
        await ProblemAssert.HasCodeAsync(replay, HttpStatusCode.Unauthorized, ErrorCodes.ReplayedRequest);
    }

    [Fact]
    public async Task SignedRequest_RefusedByTheLimit_KeepsItsNonceFree()
    {
        var accountId = await AccountAsync("signed-limited", new { rateLimit = new { requestsPerMinute = 1 } });
        var (keyId, secret) = await fixture.A.CreateHmacKeyAsync(accountId);
        using (var first = await SignedGet.Create("/echo/1", keyId, secret).SendAsync(fixture.A.Proxy))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        var second = SignedGet.Create("/echo/2", keyId, secret);
        using var refused = await second.SendAsync(fixture.B.Proxy);
        await ProblemAssert.HasCodeAsync(refused, HttpStatusCode.TooManyRequests, ErrorCodes.RateLimited);
        using var again = await second.SendAsync(fixture.A.Proxy);
        await ProblemAssert.HasCodeAsync(again, HttpStatusCode.TooManyRequests, ErrorCodes.RateLimited);
    }

    private async Task<string> AccountAsync(string name, object limits)
    {
        var body = JsonSerializer.SerializeToNode(limits)!.AsObject();
        body["name"] = $"{name}-{Guid.NewGuid():N}"[..Math.Min(40, name.Length + 33)];
        body["orgId"] = "acme";
        body["roles"] = new System.Text.Json.Nodes.JsonArray("editor");
        var response = await fixture.A.Admin.PostAsJsonAsync("/v1/service-accounts", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
    }

    private async Task<(string AccountId, string Token)> CallerAsync(string name, object limits)
    {
        var accountId = await AccountAsync(name, limits);
        var (_, token) = await fixture.A.CreateBearerKeyAsync(accountId);
        return (accountId, token);
    }

    private static async Task<HttpResponseMessage> GetAsync(GatewayHost gateway, string token, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await gateway.Proxy.SendAsync(request);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : "";
}
