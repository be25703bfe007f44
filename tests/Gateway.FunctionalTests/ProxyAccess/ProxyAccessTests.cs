using System.Net;
using Gateway.FunctionalTests.Infrastructure;
using Gateway.ProxyAccess;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.FunctionalTests.ProxyAccess;

/// <summary>
/// The proxy access step answers the plain successes itself (a bearer key on a default-policy route, an anonymous
/// route without credentials) and leaves every other case to ASP.NET Core's authentication and authorization, with
/// the same answers as before and each credential verified once.
/// </summary>
public sealed class ProxyAccessTests(HandlerCountingFixture fixture) : IClassFixture<HandlerCountingFixture>
{
    private const string ApiKeySuccess = "gateway_authentication_total{scheme=\"api-key\",result=\"success\",reason=\"ok\"}";
    private const string ApiKeyInvalid = "gateway_authentication_total{scheme=\"api-key\",result=\"failure\",reason=\"invalid_credentials\"}";

    private GatewayHost Gateway => fixture.Gateway;

    private async Task<HttpResponseMessage> GetAsync(string path, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        }

        return await Gateway.Proxy.SendAsync(request);
    }

    [Fact]
    public void TheGatewaysOwnSetUp_SwitchesTheStepOn()
    {
        var conditions = new ProxyAccessConditions(Gateway.Services);
        Assert.Empty(conditions.Reasons);
        Assert.NotNull(conditions.Selector);
    }

    [Fact]
    public async Task BearerKeyOnADefaultPolicyRoute_IsAnsweredByTheStep_CountedOnce_AndForwardsTheIdentity()
    {
        var (accountId, keyId, token) = await Gateway.CreateCallerAsync("fast-bearer");
        var before = await PrometheusScrape.ReadAsync(Gateway.Status);
        var resolutions = fixture.Resolutions;

        var echo = await Echo.ReadAsync(await GetAsync("/echo/fast", token));

        Assert.Equal(resolutions, fixture.Resolutions);
        Assert.Equal(accountId, echo.Header("X-Gateway-Principal-Id"));
        Assert.Equal(keyId, echo.Header("X-Gateway-Key-Id"));
        Assert.Null(echo.Header("Authorization"));
        var after = await PrometheusScrape.ReadAsync(Gateway.Status);
        Assert.Equal(1, after.Delta(before, ApiKeySuccess));
    }

    [Fact]
    public async Task BearerKeyUsedAgain_ItsKeptSuccess_IsAnsweredByTheStep_AndForwardsTheIdentityEveryTime()
    {
        var (accountId, keyId, token) = await Gateway.CreateCallerAsync("fast-bearer-again");
        await GetAsync("/echo/again", token); // the first success is not kept; the later ones share it
        var before = await PrometheusScrape.ReadAsync(Gateway.Status);
        var resolutions = fixture.Resolutions;

        for (var i = 0; i < 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/echo/again");
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
            request.Headers.TryAddWithoutValidation("X-Gateway-Principal-Id", "spoofed"); // still stripped
            var echo = await Echo.ReadAsync(await Gateway.Proxy.SendAsync(request));

            Assert.Equal(accountId, echo.Header("X-Gateway-Principal-Id"));
            Assert.Equal(keyId, echo.Header("X-Gateway-Key-Id"));
            Assert.Equal("api-key", echo.Header("X-Gateway-Auth-Scheme"));
            Assert.Null(echo.Header("Authorization"));
        }

        Assert.Equal(resolutions, fixture.Resolutions);
        var after = await PrometheusScrape.ReadAsync(Gateway.Status);
        Assert.Equal(3, after.Delta(before, ApiKeySuccess));
    }

    [Fact]
    public async Task AnonymousRouteWithoutCredentials_IsAnsweredByTheStep_WithoutIdentity()
    {
        var resolutions = fixture.Resolutions;

        var echo = await Echo.ReadAsync(await GetAsync("/public/fast"));

        Assert.Equal(resolutions, fixture.Resolutions);
        Assert.Null(echo.Header("X-Gateway-Principal-Id"));
    }

    [Fact]
    public async Task AnonymousRouteWithAKey_TakesTheFrameworkPath_AndStillForwardsTheIdentity()
    {
        var (accountId, _, token) = await Gateway.CreateCallerAsync("anon-with-key");
        var resolutions = fixture.Resolutions;

        var echo = await Echo.ReadAsync(await GetAsync("/public/with-key", token));

        Assert.True(fixture.Resolutions > resolutions);
        Assert.Equal(accountId, echo.Header("X-Gateway-Principal-Id"));
    }

    [Fact]
    public async Task WrongSecret_TakesTheFrameworkPath_Is401_AndIsVerifiedOnce()
    {
        var (_, keyId, _) = await Gateway.CreateCallerAsync("fast-wrong");
        var wrong = TokenForge.NewTokenFor(keyId);
        var before = await PrometheusScrape.ReadAsync(Gateway.Status);
        var resolutions = fixture.Resolutions;

        var response = await GetAsync("/echo/wrong", wrong);

        await ProblemAssert.HasCodeAsync(response, HttpStatusCode.Unauthorized, "invalid_credentials");
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        Assert.True(fixture.Resolutions > resolutions);
        var after = await PrometheusScrape.ReadAsync(Gateway.Status);
        Assert.Equal(1, after.Delta(before, ApiKeyInvalid));
    }

    [Fact]
    public async Task RefusedByTheAllowlist_TakesTheFrameworkPath_Is403_AndIsAuthenticatedOnce()
    {
        var accountId = await Gateway.CreateAccountAsync("fast-refused", allowedCidrs: ["10.0.0.0/8"]);
        var (_, token) = await Gateway.CreateBearerKeyAsync(accountId);
        var before = await PrometheusScrape.ReadAsync(Gateway.Status);

        var response = await GetAsync("/echo/refused", token);

        await ProblemAssert.HasCodeAsync(response, HttpStatusCode.Forbidden, "ip_not_allowed");
        var after = await PrometheusScrape.ReadAsync(Gateway.Status);
        Assert.Equal(1, after.Delta(before, ApiKeySuccess));
    }

    [Fact]
    public async Task AnotherAuthorizationHandler_SwitchesTheStepOff_AndItStillDecides()
    {
        await using var upstream = await EchoUpstreamHost.StartAsync();
        await using var gateway = await GatewayHost.StartAsync(upstream.Url, configure: builder =>
            builder.Services.AddSingleton<IAuthorizationHandler, RefuseEveryoneHandler>());
        var (_, _, token) = await gateway.CreateCallerAsync("step-off");

        Assert.Contains(new ProxyAccessConditions(gateway.Services).Reasons, r => r.Contains("authorization handler", StringComparison.Ordinal));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo/off");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        var response = await gateway.Proxy.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private sealed class RefuseEveryoneHandler : IAuthorizationHandler
    {
        public Task HandleAsync(AuthorizationHandlerContext context)
        {
            if (context.Resource is Microsoft.AspNetCore.Http.HttpContext http && http.Request.Path.StartsWithSegments("/echo"))
            {
                context.Fail();
            }

            return Task.CompletedTask;
        }
    }
}
