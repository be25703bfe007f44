using System.Net;
using System.Text.Json;
using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.Forwarding;

/// <summary>What reaches the upstream: identity headers the gateway set, nothing the caller spoofed, no credentials.</summary>
public sealed class IdentityForwardingTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private GatewayHost Gateway => fixture.Gateway;

    [Fact]
    public async Task AuthenticatedRequest_CarriesIdentityHeaders()
    {
        var (account, keyId, token) = await Gateway.CreateCallerAsync("identity", roles: ["reader", "executor"], project: "web");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo/items?page=2");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        var echo = await Echo.ReadAsync(await Gateway.Proxy.SendAsync(request));

        Assert.Equal(account, echo.Header("X-Gateway-Principal-Id"));
        Assert.Equal("service_account", echo.Header("X-Gateway-Principal-Type"));
        Assert.Equal("identity", echo.Header("X-Gateway-Principal-Name"));
        Assert.Equal("acme", echo.Header("X-Gateway-Org-Id"));
        Assert.Equal("web", echo.Header("X-Gateway-Project-Id"));
        Assert.Equal(keyId, echo.Header("X-Gateway-Key-Id"));
        Assert.Equal("api-key", echo.Header("X-Gateway-Auth-Scheme"));
        Assert.Equal("*:read *:execute", echo.Header("X-Gateway-Scopes"));
        Assert.Equal("?page=2", echo.Query);
    }

    [Fact]
    public async Task OrgAccount_HasNoProjectHeader()
    {
        var (_, _, token) = await Gateway.CreateCallerAsync("org-wide");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo/x");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        var echo = await Echo.ReadAsync(await Gateway.Proxy.SendAsync(request));
        Assert.Null(echo.Header("X-Gateway-Project-Id"));
    }

    [Fact]
    public async Task SpoofedGatewayHeaders_NeverReachUpstream()
    {
        var (account, _, token) = await Gateway.CreateCallerAsync("spoofer");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo/x");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        request.Headers.TryAddWithoutValidation("X-Gateway-Principal-Id", "sa_EVILEVILEVILEVIL");
        request.Headers.TryAddWithoutValidation("x-gateway-org-id", "victim-org");
        request.Headers.TryAddWithoutValidation("X-GATEWAY-PROJECT-ID", "victim-project");
        request.Headers.TryAddWithoutValidation("X-Gateway-Identity", "forged.jwt.token");
        request.Headers.TryAddWithoutValidation("X-Gateway-Anything-Else", "x");
        var echo = await Echo.ReadAsync(await Gateway.Proxy.SendAsync(request));

        Assert.Equal(account, echo.Header("X-Gateway-Principal-Id"));
        Assert.Equal("acme", echo.Header("X-Gateway-Org-Id"));
        Assert.Null(echo.Header("X-Gateway-Project-Id"));
        Assert.Null(echo.Header("X-Gateway-Identity"));
        Assert.Null(echo.Header("X-Gateway-Anything-Else"));
    }

    [Fact]
    public async Task SpoofedGatewayHeaders_OnAnonymousRoute_AreRemovedToo()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/public/x");
        request.Headers.TryAddWithoutValidation("X-Gateway-Principal-Id", "sa_EVILEVILEVILEVIL");
        request.Headers.TryAddWithoutValidation("X-Gateway-Scopes", "*");
        var echo = await Echo.ReadAsync(await Gateway.Proxy.SendAsync(request));
        Assert.DoesNotContain(echo.Headers.Keys, k => k.StartsWith("X-Gateway-", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task CallerCredentials_AreRemovedBeforeForwarding()
    {
        var (_, _, token) = await Gateway.CreateCallerAsync("strip-creds");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo/x");
        request.Headers.TryAddWithoutValidation("X-API-Key", token);
        request.Headers.TryAddWithoutValidation("X-Amz-Date", "20261122T000000Z");
        request.Headers.TryAddWithoutValidation("Signature", "sig1=:AAAA:");
        var echo = await Echo.ReadAsync(await Gateway.Proxy.SendAsync(request));
        Assert.Null(echo.Header("X-API-Key"));
        Assert.Null(echo.Header("Authorization"));
        Assert.Null(echo.Header("X-Amz-Date"));
        Assert.Null(echo.Header("Signature"));
        Assert.DoesNotContain(token, JsonSerializer.Serialize(echo));
    }

    [Fact]
    public async Task RouteWithForwardCredentials_KeepsThem()
    {
        var (_, _, token) = await Gateway.CreateCallerAsync("forward-creds");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/forward/x");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        request.Headers.TryAddWithoutValidation("X-Gateway-Principal-Id", "sa_EVILEVILEVILEVIL");
        var echo = await Echo.ReadAsync(await Gateway.Proxy.SendAsync(request));
        Assert.Equal("Bearer " + token, echo.Header("Authorization"));
        Assert.NotEqual("sa_EVILEVILEVILEVIL", echo.Header("X-Gateway-Principal-Id"));
    }

    [Fact]
    public async Task Body_IsForwardedIntact()
    {
        var (_, _, token) = await Gateway.CreateCallerAsync("body");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/echo/upload")
        {
            Content = new StringContent("{\"hello\":\"world\"}", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        var echo = await Echo.ReadAsync(await Gateway.Proxy.SendAsync(request));
        Assert.Equal("POST", echo.Method);
        Assert.Equal("{\"hello\":\"world\"}", echo.Body);
    }

    [Fact]
    public async Task WhoAmI_ReturnsTheIdentityAsJson()
    {
        var (account, keyId, token) = await Gateway.CreateCallerAsync("whoami", roles: ["reader"], project: "api");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/.gateway/whoami");
        request.Headers.TryAddWithoutValidation("X-API-Key", token);
        var response = await Gateway.Proxy.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(account, root.GetProperty("principalId").GetString());
        Assert.Equal("service_account", root.GetProperty("principalType").GetString());
        Assert.Equal("whoami", root.GetProperty("name").GetString());
        Assert.Equal("acme", root.GetProperty("orgId").GetString());
        Assert.Equal("api", root.GetProperty("projectId").GetString());
        Assert.Equal(keyId, root.GetProperty("keyId").GetString());
        Assert.Equal("api-key", root.GetProperty("authScheme").GetString());
        Assert.Equal(["*:read"], root.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()!).ToArray());
    }

    [Fact]
    public async Task WhoAmI_WithoutCredentials_Is401()
    {
        var response = await Gateway.Proxy.GetAsync("/.gateway/whoami");
        await ProblemAssert.HasCodeAsync(response, HttpStatusCode.Unauthorized, "missing_credentials");
    }
}
