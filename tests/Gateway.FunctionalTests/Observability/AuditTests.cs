using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.Observability;

/// <summary>The audit trail: every admin change and every proxied request, queryable with filters and paging.</summary>
public sealed class AuditTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private GatewayHost Gateway => fixture.Gateway;

    private async Task<JsonElement[]> QueryAsync(string query)
    {
        var response = await Gateway.Admin.GetAsync("/v1/audit?" + query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("items").EnumerateArray().ToArray();
    }

    private async Task<JsonElement[]> EventuallyAsync(string query, int atLeast)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        JsonElement[] items;
        do
        {
            items = await QueryAsync(query);
            if (items.Length >= atLeast)
            {
                return items;
            }

            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);

        return items;
    }

    private static async Task<string> BootstrapAsync(GatewayHost gateway) =>
        JsonDocument.Parse(await gateway.Admin.GetStringAsync("/v1/service-accounts?orgId=system")).RootElement
            .GetProperty("items")[0].GetProperty("id").GetString()!;

    [Fact]
    public async Task EveryAdminChange_IsAudited_WithActorTargetOutcomeAndTrace()
    {
        var admin = await BootstrapAsync(Gateway);
        var since = DateTimeOffset.UtcNow.AddSeconds(-1).ToString("O");
        var account = await Gateway.CreateAccountAsync("audited");
        await Gateway.Admin.PatchAsJsonAsync($"/v1/service-accounts/{account}", new { description = "x" });
        var (keyId, _) = await Gateway.CreateBearerKeyAsync(account);
        var renewed = JsonDocument.Parse(await (await Gateway.Admin.PostAsync($"/v1/service-accounts/{account}/keys/{keyId}/renew", null)).Content.ReadAsStringAsync())
            .RootElement.GetProperty("id").GetString();
        await Gateway.Admin.DeleteAsync($"/v1/service-accounts/{account}/keys/{renewed}");
        await Gateway.Admin.PutAsJsonAsync("/v1/roles/audited-role", new { scopes = new[] { "x:read" } });
        await Gateway.Admin.DeleteAsync($"/v1/service-accounts/{account}");

        var events = await QueryAsync($"principalId={admin}&since={Uri.EscapeDataString(since)}&limit=1000");
        void Expect(string action, string? target)
        {
            var match = events.FirstOrDefault(e => e.GetProperty("action").GetString() == action && e.GetProperty("target").GetString() == target);
            Assert.True(match.ValueKind == JsonValueKind.Object, $"no {action} event for {target}");
            Assert.Equal("admin", match.GetProperty("kind").GetString());
            Assert.Equal("success", match.GetProperty("outcome").GetString());
            Assert.Equal("bootstrap-admin", match.GetProperty("principalName").GetString());
            Assert.Equal("127.0.0.1", match.GetProperty("clientIp").GetString());
            Assert.Equal(32, match.GetProperty("traceId").GetString()!.Length);
            Assert.StartsWith("ak_", match.GetProperty("keyId").GetString());
        }

        Expect("service_account.create", account);
        Expect("service_account.update", account);
        Expect("key.create", keyId);
        Expect("key.renew", keyId);
        Expect("key.revoke", renewed);
        Expect("role.put", "audited-role");
        Expect("service_account.delete", account);
    }

    [Fact]
    public async Task FailedAdminChange_IsAuditedAsFailure()
    {
        await Gateway.Admin.DeleteAsync("/v1/service-accounts/sa_0000000000000000");
        var events = await QueryAsync("action=service_account.delete&limit=50");
        var failure = events.First(e => e.GetProperty("target").GetString() == "sa_0000000000000000");
        Assert.Equal("failure", failure.GetProperty("outcome").GetString());
        Assert.Equal(404, failure.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task ProxiedRequests_AreAudited_AndUpdateLastUsedAt_AndOutliveTheAccount()
    {
        var (account, keyId, token) = await Gateway.CreateCallerAsync("request-audit");
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/echo/do") { Content = new StringContent("x") })
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
            Assert.Equal(HttpStatusCode.OK, (await Gateway.Proxy.SendAsync(request)).StatusCode);
        }

        var events = await EventuallyAsync($"principalId={account}&action=proxy.request", 1);
        var item = Assert.Single(events);
        Assert.Equal("request", item.GetProperty("kind").GetString());
        Assert.Equal(keyId, item.GetProperty("keyId").GetString());
        Assert.Equal("echo", item.GetProperty("target").GetString());
        Assert.Equal("POST", item.GetProperty("method").GetString());
        Assert.Equal(200, item.GetProperty("status").GetInt32());
        Assert.True(item.GetProperty("latencyMs").GetDouble() > 0);
        Assert.Equal("127.0.0.1", item.GetProperty("clientIp").GetString());
        Assert.Equal(32, item.GetProperty("traceId").GetString()!.Length);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        string? lastUsed = null;
        while (DateTime.UtcNow < deadline && lastUsed is null)
        {
            var keys = JsonDocument.Parse(await Gateway.Admin.GetStringAsync($"/v1/service-accounts/{account}/keys")).RootElement.GetProperty("items");
            lastUsed = keys[0].GetProperty("lastUsedAt").GetString();
            if (lastUsed is null)
            {
                await Task.Delay(50);
            }
        }

        Assert.NotNull(lastUsed);
        Assert.Equal(item.GetProperty("time").GetDateTimeOffset(), DateTimeOffset.Parse(lastUsed, System.Globalization.CultureInfo.InvariantCulture));

        await Gateway.Admin.DeleteAsync($"/v1/service-accounts/{account}");
        Assert.Single(await QueryAsync($"principalId={account}&action=proxy.request"));
    }

    [Fact]
    public async Task DeniedRequestOfAServiceAccount_IsAuditedToo()
    {
        var (account, _, token) = await Gateway.CreateCallerAsync("denied-audit", roles: ["reader"]);
        var id = await Gateway.CreateAccountAsync("denied-audit-ip", allowedCidrs: ["10.0.0.0/8"]);
        var (_, ipToken) = await Gateway.CreateBearerKeyAsync(id);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo/x");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + ipToken);
        Assert.Equal(HttpStatusCode.Forbidden, (await Gateway.Proxy.SendAsync(request)).StatusCode);

        var events = await EventuallyAsync($"principalId={id}", 1);
        Assert.Equal("failure", events[0].GetProperty("outcome").GetString());
        Assert.Equal(403, events[0].GetProperty("status").GetInt32());
        Assert.Empty(await QueryAsync($"principalId={account}"));
        Assert.NotEmpty(token);
    }

    [Fact]
    public async Task Paging_WalksNewestFirst_WithoutGapsOrRepeats()
    {
        var (account, _, token) = await Gateway.CreateCallerAsync("audit-paging");
        for (var i = 0; i < 7; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/echo/{i}");
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
            await Gateway.Proxy.SendAsync(request);
        }

        await EventuallyAsync($"principalId={account}&limit=100", 7);
        var seen = new List<string>();
        var times = new List<DateTimeOffset>();
        string? cursor = null;
        do
        {
            var page = JsonDocument.Parse(await Gateway.Admin.GetStringAsync($"/v1/audit?principalId={account}&limit=3"
                + (cursor is null ? "" : "&cursor=" + cursor))).RootElement;
            foreach (var item in page.GetProperty("items").EnumerateArray())
            {
                seen.Add(item.GetProperty("id").GetString()!);
                times.Add(item.GetProperty("time").GetDateTimeOffset());
            }

            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(7, seen.Count);
        Assert.Equal(7, seen.Distinct().Count());
        Assert.Equal(times.OrderByDescending(t => t).ToArray(), times.ToArray());
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("since=yesterday", "since")]
    [InlineData("principalId=bob", "principalId")]
    [InlineData("cursor=%21%21", "cursor")]
    [InlineData("action=drop%20table", "action")]
    public async Task BadQuery_Is400NamingTheParameter(string query, string field)
    {
        var problem = await ProblemAssert.HasCodeAsync(await Gateway.Admin.GetAsync("/v1/audit?" + query), HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Audit_NeedsTheAuditScope()
    {
        var (_, _, token) = await Gateway.CreateCallerAsync("audit-editor", roles: ["editor"]);
        using var client = new HttpClient { BaseAddress = Gateway.Admin.BaseAddress };
        client.DefaultRequestHeaders.TryAddWithoutValidation("X-API-Key", token);
        var problem = await ProblemAssert.HasCodeAsync(await client.GetAsync("/v1/audit"), HttpStatusCode.Forbidden, "insufficient_scope");
        Assert.Contains("gateway.audit:read", problem.GetProperty("detail").GetString());
    }
}
