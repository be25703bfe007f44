using System.Net;
using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.FirstRun;

/// <summary>A wrong method on a known admin path is 405 with <c>Allow</c> (docs/API.md); unknown paths stay 404.</summary>
public sealed class AdminMethodTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Theory]
    [InlineData("PUT", "/v1/service-accounts", "GET, POST")]
    [InlineData("POST", "/v1/service-accounts/sa_123", "DELETE, GET, PATCH")]
    [InlineData("GET", "/v1/service-accounts/sa_123/keys/k_1/renew", "POST")]
    [InlineData("DELETE", "/v1/roles", "GET")]
    public async Task WrongMethodOnKnownAdminPath_Is405WithAllow(string method, string path, string allow)
    {
        using var response = await fixture.Gateway.Admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await ProblemAssert.HasCodeAsync(response, HttpStatusCode.MethodNotAllowed, "method_not_allowed");
        Assert.Equal(allow, string.Join(", ", response.Content.Headers.Allow));
    }

    [Fact]
    public async Task UnknownAdminPath_Is404()
    {
        using var response = await fixture.Gateway.Admin.PutAsync("/v1/no-such-thing", null);

        await ProblemAssert.HasCodeAsync(response, HttpStatusCode.NotFound, "not_found");
        Assert.Empty(response.Content.Headers.Allow);
    }

    [Fact]
    public async Task AdminPathOnTheProxyListener_IsNotAnsweredByTheAdminFallback()
    {
        using var response = await fixture.Gateway.Proxy.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/v1/service-accounts"));

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.Allow);
    }
}
