using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.Security;

/// <summary>
/// Admin paths are taken literally: dot segments and encoded slashes are refused (they would otherwise be
/// normalised into another resource), ids of the wrong shape are 404 without reaching the store, and the smaller
/// admin findings (renewing a key that expires at the end of time).
/// </summary>
public sealed class AdminPathTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private GatewayHost Gateway => fixture.Gateway;

    [Theory]
    [InlineData("DELETE", "/v1/service-accounts/{sa}/keys/..")]
    [InlineData("DELETE", "/v1/service-accounts/{sa}/keys/%2e%2e")]
    [InlineData("DELETE", "/v1/service-accounts/{sa}/keys/.%2E/")]
    [InlineData("DELETE", "/v1/service-accounts/{sa}/keys/./../")]
    [InlineData("GET", "/v1/service-accounts/{sa}%2Fkeys")]
    [InlineData("GET", "/v1/service-accounts/x/../{sa}")]
    [InlineData("DELETE", "/v1/service-accounts/{sa}/keys/ak_x%2f..")]
    public async Task DotSegmentsAndEncodedSlashes_Are400_AndChangeNothing(string method, string template)
    {
        var account = await Gateway.CreateAccountAsync("dots-" + Guid.NewGuid().ToString("N")[..8]);
        var (status, response) = await RawHttp.SendAsync(Gateway.Admin.BaseAddress!, method, template.Replace("{sa}", account),
            [("Authorization", "Bearer " + Gateway.BootstrapToken)]);
        Assert.True(status == 400, response);
        Assert.Contains("\"code\":\"invalid_path\"", response, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await Gateway.Admin.GetAsync($"/v1/service-accounts/{account}")).StatusCode);
    }

    [Theory]
    [InlineData("/v1/service-accounts/not-an-id")]
    [InlineData("/v1/service-accounts/sa_short")]
    [InlineData("/v1/service-accounts/ak_AAAAAAAAAAAAAAAA")]
    public async Task IdsOfTheWrongShape_Are404(string path)
    {
        await ProblemAssert.HasCodeAsync(await Gateway.Admin.GetAsync(path), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task IdsOfTheWrongShape_NeverReachTheStore()
    {
        const string series = "gateway_store_operation_duration_seconds_count{store=\"sqlite\",operation=\"get_account\"}";
        var account = await Gateway.CreateAccountAsync("storeless-" + Guid.NewGuid().ToString("N")[..8]);
        Assert.Equal(HttpStatusCode.OK, (await Gateway.Admin.GetAsync($"/v1/service-accounts/{account}")).StatusCode);
        var before = await PrometheusScrape.ReadAsync(Gateway.Status);
        Assert.True(before.Value(series) > 0, "the store's get_account series is not exported");

        foreach (var path in new[] { "/v1/service-accounts/not-an-id", "/v1/service-accounts/sa_short/keys", "/v1/service-accounts/x'--" })
        {
            await ProblemAssert.HasCodeAsync(await Gateway.Admin.GetAsync(path), HttpStatusCode.NotFound, "not_found");
        }

        Assert.Equal(0, (await PrometheusScrape.ReadAsync(Gateway.Status)).Delta(before, series));
    }

    [Fact]
    public async Task KeyIdOfTheWrongShape_Is404()
    {
        var account = await Gateway.CreateAccountAsync("keyshape-" + Guid.NewGuid().ToString("N")[..8]);
        await ProblemAssert.HasCodeAsync(await Gateway.Admin.DeleteAsync($"/v1/service-accounts/{account}/keys/sa_AAAAAAAAAAAAAAAA"),
            HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task RenewingAKeyThatExpiresAtTheEndOfTime_IsNot500()
    {
        var account = await Gateway.CreateAccountAsync("eternal-" + Guid.NewGuid().ToString("N")[..8]);
        var created = await Gateway.Admin.PostAsJsonAsync($"/v1/service-accounts/{account}/keys",
            new { kind = "bearer", expiresAt = "9999-12-31T23:59:59.9999999Z" });
        var body = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, body);
        var key = JsonDocument.Parse(body).RootElement;

        var renewed = await Gateway.Admin.PostAsync($"/v1/service-accounts/{account}/keys/{key.GetProperty("id").GetString()}/renew", null);
        var renewedBody = await renewed.Content.ReadAsStringAsync();
        Assert.True(renewed.StatusCode == HttpStatusCode.Created, renewedBody);
        Assert.StartsWith("9999-12-31T23:59:59", JsonDocument.Parse(renewedBody).RootElement.GetProperty("expiresAt").GetString());
    }
}
