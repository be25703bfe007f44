using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Errors;
using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.RateLimiting;

/// <summary>Embedded mode (SQLite store): the admin API fields, their validation, and the limiter on the proxy.</summary>
public sealed class EmbeddedRateLimitTests : IAsyncLifetime
{
    private EchoUpstreamHost _upstream = null!;
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync()
    {
        _upstream = await EchoUpstreamHost.StartAsync();
        _gateway = await GatewayHost.StartAsync(_upstream.Url,
            new Dictionary<string, string?> { ["Gateway:RateLimiting:AuditInterval"] = "00:00:01" },
            routesJson: RateLimitRoutes.Json(_upstream.Url));
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    [Fact]
    public async Task AdminApi_StoresShowsPatchesAndClearsLimits_OfAccountsAndKeys_AcrossARestart()
    {
        var created = await _gateway.Admin.PostAsJsonAsync("/v1/service-accounts", new
        {
            name = "limits-api",
            orgId = "acme",
            roles = new[] { "editor" },
            rateLimit = new { requestsPerMinute = 600, burst = 50 },
            quota = new { perMonth = 100000 },
        });
        var account = await JsonAsync(created, HttpStatusCode.Created);
        Assert.Equal(600, account.GetProperty("rateLimit").GetProperty("requestsPerMinute").GetInt32());
        Assert.Equal(50, account.GetProperty("rateLimit").GetProperty("burst").GetInt32());
        Assert.False(account.GetProperty("rateLimit").TryGetProperty("requestsPerSecond", out _));
        var id = account.GetProperty("id").GetString()!;

        var key = await JsonAsync(await _gateway.Admin.PostAsJsonAsync($"/v1/service-accounts/{id}/keys",
            new { rateLimit = new { requestsPerSecond = 5 }, quota = new { perDay = 1000 } }), HttpStatusCode.Created);
        Assert.Equal(5, key.GetProperty("rateLimit").GetProperty("requestsPerSecond").GetInt32());

        var patched = await JsonAsync(await _gateway.Admin.PatchAsJsonAsync($"/v1/service-accounts/{id}",
            new { rateLimit = new { requestsPerSecond = 2 }, quota = (object?)null }), HttpStatusCode.OK);
        Assert.Equal(2, patched.GetProperty("rateLimit").GetProperty("requestsPerSecond").GetInt32());
        Assert.False(patched.TryGetProperty("quota", out _));

        await _gateway.RestartAsync();
        var read = await JsonAsync(await _gateway.Admin.GetAsync($"/v1/service-accounts/{id}"), HttpStatusCode.OK);
        Assert.Equal(2, read.GetProperty("rateLimit").GetProperty("requestsPerSecond").GetInt32());
        var keys = await JsonAsync(await _gateway.Admin.GetAsync($"/v1/service-accounts/{id}/keys"), HttpStatusCode.OK);
        Assert.Equal(1000, keys.GetProperty("items")[0].GetProperty("quota").GetProperty("perDay").GetInt64());
    }

    [Theory]
    [InlineData("""{"name":"bad-1","orgId":"acme","rateLimit":{"requestsPerSecond":0}}""", "rateLimit.requestsPerSecond")]
    [InlineData("""{"name":"bad-2","orgId":"acme","rateLimit":{"requestsPerSecond":1,"requestsPerMinute":60}}""", "rateLimit")]
    [InlineData("""{"name":"bad-3","orgId":"acme","rateLimit":{"burst":5}}""", "rateLimit")]
    [InlineData("""{"name":"bad-4","orgId":"acme","quota":{"perDay":-1}}""", "quota.perDay")]
    [InlineData("""{"name":"bad-5","orgId":"acme","quota":{}}""", "quota")]
    public async Task AdminApi_RefusesBadLimits_WithValidationFailedNamingTheField(string body, string field)
    {
        var response = await _gateway.Admin.PostAsync("/v1/service-accounts", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var problem = await ProblemAssert.HasCodeAsync(response, HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task AdminApi_PatchWithAnUnknownLimitMember_IsValidationFailed()
    {
        var id = await _gateway.CreateAccountAsync("patch-bad");
        var response = await _gateway.Admin.PatchAsJsonAsync($"/v1/service-accounts/{id}", new { rateLimit = new { requestsPerHour = 5 } });
        var problem = await ProblemAssert.HasCodeAsync(response, HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
        Assert.True(problem.GetProperty("errors").TryGetProperty("rateLimit", out _));
    }

    [Fact]
    public async Task KeyLimit_IsTighterThanTheAccount_RefusalsAre429WithHeaders_AndCountedInMetrics()
    {
        var created = await _gateway.Admin.PostAsJsonAsync("/v1/service-accounts",
            new { name = "limits-proxy", orgId = "acme", roles = new[] { "editor" }, rateLimit = new { requestsPerMinute = 100 } });
        var id = (await JsonAsync(created, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var key = await JsonAsync(await _gateway.Admin.PostAsJsonAsync($"/v1/service-accounts/{id}/keys",
            new { rateLimit = new { requestsPerMinute = 2 } }), HttpStatusCode.Created);
        var token = key.GetProperty("token").GetString()!;
        var before = await PrometheusScrape.ReadAsync(_gateway.Status);

        using var first = await GetAsync(token);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("\"rate\";q=2;w=60", string.Join(",", first.Headers.GetValues("RateLimit-Policy")));
        Assert.Equal("\"rate\";r=1;t=30", string.Join(",", first.Headers.GetValues("RateLimit")));
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(token)).StatusCode);
        using var refused = await GetAsync(token);
        await ProblemAssert.HasCodeAsync(refused, HttpStatusCode.TooManyRequests, ErrorCodes.RateLimited);
        // 30 s after the first admission, less the time the three requests took (a second or more only on a loaded machine).
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 25, 30);

        var after = await PrometheusScrape.ReadAsync(_gateway.Status);
        Assert.Equal(2, after.Delta(before, "gateway_ratelimit_decisions_total{route=\"echo\",outcome=\"admitted\"}"));
        Assert.Equal(1, after.Delta(before, "gateway_ratelimit_decisions_total{route=\"echo\",outcome=\"rate_limited\"}"));
        Assert.DoesNotContain(id, after.Text);

        // Audited as counts: ratelimit.exceeded events per account and interval, not one per refused request.
        var more = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => GetAsync(token)));
        Assert.All(more, r => Assert.Equal(HttpStatusCode.TooManyRequests, r.StatusCode));
        var deadline = DateTime.UtcNow.AddSeconds(15);
        JsonElement[] events;
        do
        {
            await Task.Delay(200);
            events = [.. (await JsonAsync(await _gateway.Admin.GetAsync($"/v1/audit?principalId={id}&action=ratelimit.exceeded"), HttpStatusCode.OK))
                .GetProperty("items").EnumerateArray()];
        }
        while (events.Sum(RateLimited) < 11 && DateTime.UtcNow < deadline);

        Assert.Equal(11, events.Sum(RateLimited));
        Assert.InRange(events.Length, 1, 5);
        Assert.All(events, e => Assert.Equal(429, e.GetProperty("status").GetInt32()));
    }

    [Fact]
    public async Task PatchedKeyLimit_TakesEffectAtOnce_RemovingItRestoresAccess_AndIsAudited()
    {
        var id = await _gateway.CreateAccountAsync("limits-key-patch");
        var key = await JsonAsync(await _gateway.Admin.PostAsJsonAsync($"/v1/service-accounts/{id}/keys", new { description = "ci" }), HttpStatusCode.Created);
        var (keyId, token) = (key.GetProperty("id").GetString()!, key.GetProperty("token").GetString()!);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await GetAsync(token)).StatusCode);
        }

        var patched = await JsonAsync(await _gateway.Admin.PatchAsJsonAsync($"/v1/service-accounts/{id}/keys/{keyId}",
            new { rateLimit = new { requestsPerMinute = 2 }, quota = new { perDay = 1000 } }), HttpStatusCode.OK);
        Assert.Equal(2, patched.GetProperty("rateLimit").GetProperty("requestsPerMinute").GetInt32());
        Assert.Equal(1000, patched.GetProperty("quota").GetProperty("perDay").GetInt64());
        Assert.Equal("ci", patched.GetProperty("description").GetString());

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(token)).StatusCode);
        await ProblemAssert.HasCodeAsync(await GetAsync(token), HttpStatusCode.TooManyRequests, ErrorCodes.RateLimited);

        var cleared = await JsonAsync(await _gateway.Admin.PatchAsJsonAsync($"/v1/service-accounts/{id}/keys/{keyId}",
            new { rateLimit = (object?)null, description = (string?)null }), HttpStatusCode.OK);
        Assert.False(cleared.TryGetProperty("rateLimit", out _));
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("description").ValueKind);
        Assert.Equal(1000, cleared.GetProperty("quota").GetProperty("perDay").GetInt64());
        using var restored = await GetAsync(token);
        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        Assert.False(restored.Headers.Contains("Retry-After"));

        var deadline = DateTime.UtcNow.AddSeconds(15);
        JsonElement[] events;
        do
        {
            await Task.Delay(200);
            events = [.. (await JsonAsync(await _gateway.Admin.GetAsync("/v1/audit?action=key.update"), HttpStatusCode.OK))
                .GetProperty("items").EnumerateArray().Where(e => e.GetProperty("target").GetString() == keyId)];
        }
        while (events.Length < 2 && DateTime.UtcNow < deadline);

        Assert.Equal(2, events.Length);
    }

    [Theory]
    [InlineData("""{"rateLimit":{"requestsPerHour":5}}""", "rateLimit")]
    [InlineData("""{"rateLimit":{"burst":5}}""", "rateLimit")]
    [InlineData("""{"quota":{"perDay":-1}}""", "quota.perDay")]
    [InlineData("""{"description":7}""", "description")]
    public async Task KeyPatch_RefusesBadLimits_WithValidationFailedNamingTheField(string body, string field)
    {
        var id = await _gateway.CreateAccountAsync("key-patch-bad-" + field.Replace('.', '-'));
        var (keyId, _) = await _gateway.CreateBearerKeyAsync(id);
        var response = await _gateway.Admin.PatchAsync($"/v1/service-accounts/{id}/keys/{keyId}",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var problem = await ProblemAssert.HasCodeAsync(response, HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task KeyPatch_RefusesOtherFields_AndUnknownKeys()
    {
        var id = await _gateway.CreateAccountAsync("key-patch-fields");
        var (keyId, _) = await _gateway.CreateBearerKeyAsync(id);
        await ProblemAssert.HasCodeAsync(await _gateway.Admin.PatchAsJsonAsync($"/v1/service-accounts/{id}/keys/{keyId}",
            new { expiresAt = "2099-01-01T00:00:00Z" }), HttpStatusCode.BadRequest, ErrorCodes.InvalidRequest);
        await ProblemAssert.HasCodeAsync(await _gateway.Admin.PatchAsJsonAsync($"/v1/service-accounts/{id}/keys/{keyId}",
            new { requestsPerSecond = 5 }), HttpStatusCode.BadRequest, ErrorCodes.InvalidRequest);
        await ProblemAssert.HasCodeAsync(await _gateway.Admin.PatchAsJsonAsync($"/v1/service-accounts/{id}/keys/ak_doesnotexist",
            new { description = "x" }), HttpStatusCode.NotFound, ErrorCodes.NotFound);
        var other = await _gateway.CreateAccountAsync("key-patch-other");
        await ProblemAssert.HasCodeAsync(await _gateway.Admin.PatchAsJsonAsync($"/v1/service-accounts/{other}/keys/{keyId}",
            new { description = "x" }), HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    private static int RateLimited(JsonElement auditEvent)
    {
        var target = auditEvent.GetProperty("target").GetString()!;
        Assert.Matches("^rate_limited=[0-9]+ quota_exceeded=0$", target);
        return int.Parse(target["rate_limited=".Length..target.IndexOf(' ')], System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<HttpResponseMessage> GetAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo/embedded");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _gateway.Proxy.SendAsync(request);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, body);
        return JsonDocument.Parse(body).RootElement;
    }
}
