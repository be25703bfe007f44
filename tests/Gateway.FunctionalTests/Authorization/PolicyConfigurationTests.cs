using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.Authorization;

/// <summary>Access rules that depend on gateway configuration: trusted proxies, IPv6, key lifetime, route validation.</summary>
public sealed class PolicyConfigurationTests : IAsyncLifetime
{
    private EchoUpstreamHost _upstream = null!;

    public async Task InitializeAsync() => _upstream = await EchoUpstreamHost.StartAsync();

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    private static async Task<HttpResponseMessage> CallAsync(GatewayHost gateway, string token, string path, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        if (forwardedFor is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        }

        return await gateway.Proxy.SendAsync(request);
    }

    private static async Task<string> TokenAsync(GatewayHost gateway, string name, string[] cidrs)
    {
        var account = await gateway.CreateAccountAsync(name, allowedCidrs: cidrs);
        return (await gateway.CreateBearerKeyAsync(account)).Token;
    }

    [Fact]
    public async Task TrustedProxy_ClientIpIsRightMostUntrustedForwardedEntry()
    {
        await using var gateway = await GatewayHost.StartAsync(_upstream.Url, new Dictionary<string, string?>
        {
            ["Gateway:TrustedProxies:0"] = "127.0.0.1",
            ["Gateway:TrustedProxies:1"] = "172.16.0.0/12",
        });
        var tenNet = await TokenAsync(gateway, "behind-lb", ["10.0.0.0/8"]);
        var docNet = await TokenAsync(gateway, "doc-net", ["203.0.113.0/24"]);

        Assert.Equal(HttpStatusCode.OK, (await CallAsync(gateway, tenNet, "/echo/x", "10.1.2.3")).StatusCode);
        // 172.20.0.5 is a trusted proxy hop, so the client is 10.1.2.3; the spoofed left-most entry is not believed.
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(gateway, tenNet, "/echo/x", "203.0.113.9, 10.1.2.3, 172.20.0.5")).StatusCode);
        await ProblemAssert.HasCodeAsync(await CallAsync(gateway, docNet, "/echo/x", "203.0.113.9, 10.1.2.3"),
            HttpStatusCode.Forbidden, "ip_not_allowed");
        // IPv4-mapped IPv6 in the header counts as the IPv4 address.
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(gateway, tenNet, "/echo/x", "::ffff:10.9.8.7")).StatusCode);
        // Without a header the client is the proxy itself.
        await ProblemAssert.HasCodeAsync(await CallAsync(gateway, tenNet, "/echo/x"), HttpStatusCode.Forbidden, "ip_not_allowed");
    }

    [Fact]
    public async Task Ipv6Client_MatchesIpv6Blocks()
    {
        await using var gateway = await GatewayHost.StartAsync(_upstream.Url, new Dictionary<string, string?>
        {
            ["Gateway:Listeners:Proxy:Url"] = "http://[::1]:0",
        });
        Assert.Equal("[::1]", gateway.Proxy.BaseAddress!.Host);
        var v6 = await TokenAsync(gateway, "v6-allowed", ["::1/128"]);
        var v4Only = await TokenAsync(gateway, "v4-only", ["127.0.0.0/8"]);

        Assert.Equal(HttpStatusCode.OK, (await CallAsync(gateway, v6, "/echo/x")).StatusCode);
        var problem = await ProblemAssert.HasCodeAsync(await CallAsync(gateway, v4Only, "/echo/x"), HttpStatusCode.Forbidden, "ip_not_allowed");
        Assert.Contains("::1", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task MaxLifetime_CapsNewKeys()
    {
        await using var gateway = await GatewayHost.StartAsync(_upstream.Url, new Dictionary<string, string?>
        {
            ["Gateway:Keys:MaxLifetime"] = "1.00:00:00",
        });
        var account = await gateway.CreateAccountAsync("capped");
        var before = DateTimeOffset.UtcNow;

        var defaulted = JsonDocument.Parse(await (await gateway.Admin.PostAsJsonAsync($"/v1/service-accounts/{account}/keys", new { })).Content.ReadAsStringAsync());
        var expiresAt = defaulted.RootElement.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expiresAt, before.AddDays(1).AddSeconds(-5), DateTimeOffset.UtcNow.AddDays(1).AddSeconds(5));

        var within = await gateway.Admin.PostAsJsonAsync($"/v1/service-accounts/{account}/keys", new { expiresAt = DateTimeOffset.UtcNow.AddHours(2) });
        Assert.Equal(HttpStatusCode.Created, within.StatusCode);

        var beyond = await gateway.Admin.PostAsJsonAsync($"/v1/service-accounts/{account}/keys", new { expiresAt = DateTimeOffset.UtcNow.AddDays(2) });
        var problem = await ProblemAssert.HasCodeAsync(beyond, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("expiresAt", out _));
    }

    [Theory]
    [InlineData("\"Metadata\": { \"Gateway.RequiredScope\": \"builds:read\" }", "Gateway.RequiredScope")]
    [InlineData("\"Metadata\": { \"Gateway.RequiredScopes\": \"builds\" }", "Gateway.RequiredScopes")]
    [InlineData("\"Metadata\": { \"Gateway.ProjectRouteValue\": \"project\" }", "Gateway.ProjectRouteValue")]
    [InlineData("\"Metadata\": { \"Gateway.ForwardCredentials\": \"yes\" }", "Gateway.ForwardCredentials")]
    [InlineData("\"AuthorizationPolicy\": \"no-such-policy\"", "no-such-policy")]
    public async Task InvalidRoute_FailsStartUp_NamingTheRoute(string fragment, string mentioned)
    {
        var routes = BadRoute(fragment);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => GatewayHost.StartAsync(_upstream.Url, routesJson: routes));
        var text = error.ToString();
        Assert.Contains("bad-route", text);
        Assert.Contains(mentioned, text);
    }

    [Fact]
    public async Task Reload_TighteningARoute_TakesEffect_AndAnInvalidReloadKeepsTheLastGoodConfig()
    {
        await using var gateway = await GatewayHost.StartAsync(_upstream.Url, routesJson: PolicyRoutes.Json(_upstream.Url, "builds:read"));
        var account = await gateway.CreateAccountAsync("reload-reader", roles: ["reader"]);
        var (_, token) = await gateway.CreateBearerKeyAsync(account);
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(gateway, token, "/scoped/x")).StatusCode);

        await File.WriteAllTextAsync(gateway.RoutesFile, PolicyRoutes.Json(_upstream.Url, "builds:read builds:write"));
        Assert.True(await EventuallyAsync(async () => (await CallAsync(gateway, token, "/scoped/x")).StatusCode == HttpStatusCode.Forbidden),
            "the tightened route did not take effect");

        var broken = PolicyRoutes.Json(_upstream.Url, "builds:read").Replace("\"Gateway.RequiredScopes\"", "\"Gateway.RequiredScopez\"", StringComparison.Ordinal);
        await File.WriteAllTextAsync(gateway.RoutesFile, broken);
        Assert.True(await EventuallyAsync(() => Task.FromResult(gateway.Logs.All.Contains("Gateway.RequiredScopez", StringComparison.Ordinal))),
            "the invalid reload was not reported");
        Assert.Contains("'scoped'", gateway.Logs.All);
        // The tightened configuration is still the live one.
        await ProblemAssert.HasCodeAsync(await CallAsync(gateway, token, "/scoped/x"), HttpStatusCode.Forbidden, "insufficient_scope");
    }

    private string BadRoute(string fragment) => $$"""
        {
          "ReverseProxy": {
            "Routes": {
              "bad-route": { "ClusterId": "echo", "Match": { "Path": "/bad/{**rest}" }, {{fragment}} }
            },
            "Clusters": { "echo": { "Destinations": { "upstream": { "Address": "{{_upstream.Url}}" } } } }
          }
        }
        """;

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }
}
