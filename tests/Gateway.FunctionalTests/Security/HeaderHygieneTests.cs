using System.Net;
using System.Net.Http.Headers;
using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.Security;

/// <summary>
/// No identity smuggling: identity and credential headers in any spelling (case, <c>_</c> for <c>-</c>) never reach
/// the upstream, on authenticated and anonymous routes; a header value that cannot be forwarded is a 400.
/// </summary>
public sealed class HeaderHygieneTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private GatewayHost Gateway => fixture.Gateway;

    public static TheoryData<string> ForgedNames() =>
    [
        "X_Gateway_Principal_Id", "x_gateway_scopes", "X-Gateway_Principal-Id", "X_GATEWAY_ORG_ID", "x-gateway_project_id",
        "X-GATEWAY-KEY-ID", "X_Gateway-Auth_Scheme",
    ];

    [Theory]
    [MemberData(nameof(ForgedNames))]
    public async Task IdentityHeaderInAnySpelling_NeverReachesTheUpstream(string name)
    {
        var (_, _, token) = await Gateway.CreateCallerAsync("smuggler-" + Guid.NewGuid().ToString("N")[..8]);
        foreach (var (path, authenticated) in new[] { ("/echo/x", true), ("/public/x", false) })
        {
            var (status, response) = await RawHttp.SendAsync(Gateway.Proxy.BaseAddress!, "GET", path,
                authenticated ? [(name, "sa_EVILEVILEVILEVIL"), ("Authorization", "Bearer " + token)] : [(name, "sa_EVILEVILEVILEVIL")]);
            Assert.Equal(200, status);
            Assert.DoesNotContain("EVIL", response, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("X_API_Key")]
    [InlineData("x_api_key")]
    [InlineData("X_Amz_Security_Token")]
    [InlineData("Signature_Input")]
    public async Task CredentialHeaderInAnySpelling_IsRemovedLikeTheCanonicalOne(string name)
    {
        var (_, _, token) = await Gateway.CreateCallerAsync("cred-smuggler-" + Guid.NewGuid().ToString("N")[..8]);
        var (status, response) = await RawHttp.SendAsync(Gateway.Proxy.BaseAddress!, "GET", "/echo/x",
            [(name, "SMUGGLEDSECRET"), ("Authorization", "Bearer " + token)]);
        Assert.Equal(200, status);
        Assert.DoesNotContain("SMUGGLEDSECRET", response, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/public/x")]
    [InlineData("/echo/x")]
    public async Task NonAsciiHeaderValue_Is400InvalidHeader_NotA502(string path)
    {
        var (status, response) = await RawHttp.SendAsync(Gateway.Proxy.BaseAddress!, "GET", path, [("X-Custom", "café")]);
        Assert.Equal(400, status);
        Assert.Contains("application/problem+json", response, StringComparison.Ordinal);
        Assert.Contains("\"code\":\"invalid_header\"", response, StringComparison.Ordinal);
        Assert.Contains("X-Custom", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForwardedForWithAnEmptyEntry_FromATrustedProxy_Is400()
    {
        await using var gateway = await GatewayHost.StartAsync(fixture.Upstream.Url, new Dictionary<string, string?>
        {
            ["Gateway:TrustedProxies:0"] = "127.0.0.1",
        });
        var account = await gateway.CreateAccountAsync("xff-empty", allowedCidrs: ["10.0.0.0/8"]);
        var (_, token) = await gateway.CreateBearerKeyAsync(account);
        foreach (var forwarded in new[] { "10.1.2.3, ", "10.1.2.3,", "10.1.2.3, , 127.0.0.1" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/echo/x");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwarded);
            await ProblemAssert.HasCodeAsync(await gateway.Proxy.SendAsync(request), HttpStatusCode.BadRequest, "invalid_header");
        }

        using var good = new HttpRequestMessage(HttpMethod.Get, "/echo/x");
        good.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        good.Headers.TryAddWithoutValidation("X-Forwarded-For", "10.1.2.3");
        Assert.Equal(HttpStatusCode.OK, (await gateway.Proxy.SendAsync(good)).StatusCode);
    }
}
