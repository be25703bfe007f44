using System.Net;
using System.Text.Json;
using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.Hosting;

/// <summary>Each listener serves only its own endpoints.</summary>
public sealed class ListenerTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private GatewayHost Gateway => fixture.Gateway;

    [Fact]
    public async Task AdminApi_IsNotReachableThroughProxyListener_EvenWithAdminKey()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/service-accounts");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Gateway.BootstrapToken);
        var response = await Gateway.Proxy.SendAsync(request);

        // The proxy's own /v1/** route answers: the request went upstream, not to the admin API.
        var echo = await Echo.ReadAsync(response);
        Assert.Equal("/v1/service-accounts", echo.Path);
        Assert.Null(echo.Header("Authorization"));
    }

    [Fact]
    public async Task ProxyRoutes_AreNotServedOnAdminListener()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo/x");
        var response = await Gateway.Admin.SendAsync(request);
        await ProblemAssert.HasCodeAsync(response, HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Healthz_IsAliveOnStatusListener_WithoutCredentials()
    {
        var response = await Gateway.Status.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("healthy", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Readyz_ReportsTheStore()
    {
        var response = await Gateway.Status.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("healthy", root.GetProperty("checks").GetProperty("store").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Healthz_IsNotServedOnProxyListener()
    {
        var response = await Gateway.Proxy.GetAsync("/healthz");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task WhoAmI_IsNotServedOnAdminListener()
    {
        var response = await Gateway.Admin.GetAsync("/.gateway/whoami");
        await ProblemAssert.HasCodeAsync(response, HttpStatusCode.NotFound, "not_found");
    }
}
