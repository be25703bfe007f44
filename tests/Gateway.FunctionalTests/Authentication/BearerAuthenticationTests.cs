using System.Net;
using System.Net.Http.Json;
using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.Authentication;

/// <summary>Bearer API keys through the proxy listener: every bad input gets its documented 4xx.</summary>
public sealed class BearerAuthenticationTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private GatewayHost Gateway => fixture.Gateway;

    private async Task<HttpResponseMessage> SendAsync(Action<HttpRequestMessage> setup, string path = "/echo/resource")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        setup(request);
        return await Gateway.Proxy.SendAsync(request);
    }

    [Fact]
    public async Task ValidKey_AuthorizationBearer_ReachesUpstream()
    {
        var (_, _, token) = await Gateway.CreateCallerAsync("bearer-ok");
        var response = await SendAsync(r => r.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token));
        var echo = await Echo.ReadAsync(response);
        Assert.Equal("/echo/resource", echo.Path);
    }

    [Fact]
    public async Task ValidKey_XApiKeyHeader_ReachesUpstream()
    {
        var (_, _, token) = await Gateway.CreateCallerAsync("xapikey-ok");
        var response = await SendAsync(r => r.Headers.TryAddWithoutValidation("X-API-Key", token));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task LowercaseBearerScheme_IsAccepted()
    {
        var (_, _, token) = await Gateway.CreateCallerAsync("bearer-lower");
        var response = await SendAsync(r => r.Headers.TryAddWithoutValidation("Authorization", "bearer " + token));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task UnsupportedAuthorizationScheme_DetailNamesEveryAdvertisedScheme()
    {
        var response = await SendAsync(r => r.Headers.TryAddWithoutValidation("Authorization", "Basic dXNlcjpwYXNz"));
        var problem = await ProblemAssert.HasCodeAsync(response, HttpStatusCode.Unauthorized, "malformed_credentials");

        var detail = problem.GetProperty("detail").GetString()!;
        var advertised = response.Headers.WwwAuthenticate.Select(c => c.Scheme).ToList();
        Assert.Equal(["Bearer", "Signature", "AWS4-HMAC-SHA256"], advertised);
        Assert.All(advertised, scheme => Assert.Contains(scheme, detail, StringComparison.Ordinal));
    }

    [Fact]
    public async Task NoCredentials_Is401MissingCredentials()
    {
        var response = await SendAsync(_ => { });
        var problem = await ProblemAssert.HasCodeAsync(response, HttpStatusCode.Unauthorized, "missing_credentials");
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Token gwk_abc")]
    [InlineData("Bearer gwk_")]
    [InlineData("Bearer ghp_0123456789abcdefghijklmnopqrstuvwxyzABCD")]
    [InlineData("Bearer gwk_0123456789ABCDEF_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG012345")]
    [InlineData("Bearer gwk_0123456789ABCDEF-0123456789abcdefghijklmnopqrstuvwxyzABCDEFG01234")]
    public async Task MalformedAuthorization_Is401MalformedCredentials(string value)
    {
        var response = await SendAsync(r => r.Headers.TryAddWithoutValidation("Authorization", value));
        await ProblemAssert.HasCodeAsync(response, HttpStatusCode.Unauthorized, "malformed_credentials");
    }

    [Fact]
    public async Task NonAsciiAuthorization_Is401MalformedCredentials()
    {
        var (status, response) = await RawHttp.SendAsync(Gateway.Proxy.BaseAddress!, "GET", "/echo/resource",
            [("Authorization", "Bearer gwk_ñoño_ß€")]);
        Assert.Equal(401, status);
        Assert.Contains("application/problem+json", response);
        Assert.Contains("\"code\":\"malformed_credentials\"", response);
    }

    [Fact]
    public async Task TenKilobyteAuthorization_Is401MalformedCredentials()
    {
        var response = await SendAsync(r => r.Headers.TryAddWithoutValidation("Authorization", "Bearer gwk_" + new string('a', 10 * 1024)));
        await ProblemAssert.HasCodeAsync(response, HttpStatusCode.Unauthorized, "malformed_credentials");
    }

    [Fact]
    public async Task BadChecksum_Is401MalformedCredentials()
    {
        var (_, _, token) = await Gateway.CreateCallerAsync("bad-checksum");
        var last = token[^1] == 'a' ? 'b' : 'a';
        var response = await SendAsync(r => r.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token[..^1] + last));
        await ProblemAssert.HasCodeAsync(response, HttpStatusCode.Unauthorized, "malformed_credentials");
    }

    [Fact]
    public async Task WellFormedUnknownKey_Is401InvalidCredentials()
    {
        var token = TokenForge.NewUnknownToken();
        var response = await SendAsync(r => r.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token));
        await ProblemAssert.HasCodeAsync(response, HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task RightKeyIdWrongSecret_Is401InvalidCredentials_LikeUnknownKey()
    {
        var (_, keyId, _) = await Gateway.CreateCallerAsync("wrong-secret");
        var forged = TokenForge.NewTokenFor(keyId);
        var forgedResponse = await SendAsync(r => r.Headers.TryAddWithoutValidation("Authorization", "Bearer " + forged));
        var unknownResponse = await SendAsync(r => r.Headers.TryAddWithoutValidation("Authorization", "Bearer " + TokenForge.NewUnknownToken()));

        var forgedProblem = await ProblemAssert.HasCodeAsync(forgedResponse, HttpStatusCode.Unauthorized, "invalid_credentials");
        var unknownProblem = await ProblemAssert.HasCodeAsync(unknownResponse, HttpStatusCode.Unauthorized, "invalid_credentials");
        Assert.Equal(unknownProblem.GetProperty("detail").GetString(), forgedProblem.GetProperty("detail").GetString());
        Assert.Equal(unknownProblem.GetProperty("title").GetString(), forgedProblem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task BothAuthorizationAndXApiKey_Is401MalformedCredentials()
    {
        var (_, _, token) = await Gateway.CreateCallerAsync("two-credentials");
        var response = await SendAsync(r =>
        {
            r.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
            r.Headers.TryAddWithoutValidation("X-API-Key", token);
        });
        await ProblemAssert.HasCodeAsync(response, HttpStatusCode.Unauthorized, "malformed_credentials");
    }

    [Fact]
    public async Task TokenInQueryString_IsNotAccepted()
    {
        var (_, _, token) = await Gateway.CreateCallerAsync("query-token");
        var response = await SendAsync(_ => { }, $"/echo/resource?api_key={token}&access_token={token}");
        await ProblemAssert.HasCodeAsync(response, HttpStatusCode.Unauthorized, "missing_credentials");
    }

    [Fact]
    public async Task RevokedKey_Is401KeyRevoked()
    {
        var (account, keyId, token) = await Gateway.CreateCallerAsync("revoked");
        Assert.Equal(HttpStatusCode.NoContent, (await Gateway.Admin.DeleteAsync($"/v1/service-accounts/{account}/keys/{keyId}")).StatusCode);
        var response = await SendAsync(r => r.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token));
        await ProblemAssert.HasCodeAsync(response, HttpStatusCode.Unauthorized, "key_revoked");
    }

    [Fact]
    public async Task RevokedKeyWithWrongSecret_SaysOnlyInvalidCredentials()
    {
        var (account, keyId, _) = await Gateway.CreateCallerAsync("revoked-wrong-secret");
        await Gateway.Admin.DeleteAsync($"/v1/service-accounts/{account}/keys/{keyId}");
        var response = await SendAsync(r => r.Headers.TryAddWithoutValidation("Authorization", "Bearer " + TokenForge.NewTokenFor(keyId)));
        await ProblemAssert.HasCodeAsync(response, HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task DisabledAccount_Is401AccountDisabled_AndWorksAgainWhenEnabled()
    {
        var (account, _, token) = await Gateway.CreateCallerAsync("disabled");
        var disable = await Gateway.Admin.PatchAsJsonAsync($"/v1/service-accounts/{account}", new { status = "disabled" });
        Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
        var response = await SendAsync(r => r.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token));
        await ProblemAssert.HasCodeAsync(response, HttpStatusCode.Unauthorized, "account_disabled");

        await Gateway.Admin.PatchAsJsonAsync($"/v1/service-accounts/{account}", new { status = "active" });
        var again = await SendAsync(r => r.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task DeletedAccount_KeysStopWorkingAtOnce()
    {
        var account = await Gateway.CreateAccountAsync("cascade");
        var (_, first) = await Gateway.CreateBearerKeyAsync(account);
        var (_, second) = await Gateway.CreateBearerKeyAsync(account);
        Assert.Equal(HttpStatusCode.NoContent, (await Gateway.Admin.DeleteAsync($"/v1/service-accounts/{account}")).StatusCode);
        foreach (var token in new[] { first, second })
        {
            var response = await SendAsync(r => r.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token));
            await ProblemAssert.HasCodeAsync(response, HttpStatusCode.Unauthorized, "invalid_credentials");
        }
    }

    [Fact]
    public async Task AnonymousRoute_NeedsNoCredentials()
    {
        var response = await Gateway.Proxy.GetAsync("/public/anything");
        var echo = await Echo.ReadAsync(response);
        Assert.Null(echo.Header("X-Gateway-Principal-Id"));
    }

    [Fact]
    public async Task UnknownPath_WithValidKey_Is404Problem()
    {
        var (_, _, token) = await Gateway.CreateCallerAsync("unknown-path");
        var response = await SendAsync(r => r.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token), "/nowhere");
        await ProblemAssert.HasCodeAsync(response, HttpStatusCode.NotFound, "not_found");
    }
}
