using System.Net;
using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.Observability;

/// <summary>Metrics move as expected after known traffic (scrape, parse, compare).</summary>
public sealed class MetricsTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private GatewayHost Gateway => fixture.Gateway;

    private async Task<HttpStatusCode> CallAsync(string authorization, string path = "/echo/m")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var response = await Gateway.Proxy.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task KnownTraffic_MovesRequestAndAuthenticationCounters()
    {
        var (_, _, token) = await Gateway.CreateCallerAsync("metrics-caller");
        var before = await PrometheusScrape.ReadAsync(Gateway.Status);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await CallAsync("Bearer " + token));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync("Bearer gwk_nope"));
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync("Bearer " + TokenForge.NewUnknownToken()));

        // A request is counted when its pipeline ends, which may be just after its caller has read the response.
        var after = await PrometheusScrape.ReadAsync(Gateway.Status);
        for (var attempt = 0; attempt < 300 && after.Delta(before, "gateway_request_duration_seconds_count{route=\"echo\"}") < 5; attempt++)
        {
            await Task.Delay(50);
            after = await PrometheusScrape.ReadAsync(Gateway.Status);
        }

        Assert.Equal(3, after.Delta(before, "gateway_requests_total{route=\"echo\",outcome=\"2xx\"}"));
        Assert.Equal(2, after.Delta(before, "gateway_requests_total{route=\"echo\",outcome=\"4xx\"}"));
        Assert.Equal(5, after.Delta(before, "gateway_request_duration_seconds_count{route=\"echo\"}"));
        Assert.True(after.Delta(before, "gateway_authentication_total{scheme=\"api-key\",result=\"success\",reason=\"ok\"}") >= 3);
        Assert.Equal(1, after.Delta(before, "gateway_authentication_total{scheme=\"api-key\",result=\"failure\",reason=\"malformed_credentials\"}"));
        Assert.Equal(1, after.Delta(before, "gateway_authentication_total{scheme=\"api-key\",result=\"failure\",reason=\"invalid_credentials\"}"));
        Assert.True(after.Delta(before, "gateway_store_operation_duration_seconds_count{store=\"sqlite\",operation=\"find_credential\"}") >= 1);
    }

    [Fact]
    public async Task Metrics_HaveNoPrincipalKeyOrPathLabels()
    {
        var (account, keyId, token) = await Gateway.CreateCallerAsync("metrics-labels");
        Assert.Equal(HttpStatusCode.OK, await CallAsync("Bearer " + token, "/echo/some/unique/path-7f3a"));
        var scrape = await PrometheusScrape.ReadAsync(Gateway.Status);

        Assert.DoesNotContain(account, scrape.Text);
        Assert.DoesNotContain(keyId, scrape.Text);
        Assert.DoesNotContain("path-7f3a", scrape.Text);
        Assert.DoesNotContain(token[^40..], scrape.Text);
    }

    [Fact]
    public async Task Metrics_AreServedOnlyOnTheStatusListener()
    {
        Assert.Equal(HttpStatusCode.OK, (await Gateway.Status.GetAsync("/metrics")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await Gateway.Admin.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task RuntimeAndKestrelConnectionMetrics_AreExported_PerRequestMetersAreNotByDefault()
    {
        await CallAsync("Bearer x");
        var scrape = await PrometheusScrape.ReadAsync(Gateway.Status);
        Assert.Contains("process_working_set_bytes", scrape.Names);
        Assert.Contains(scrape.Names, n => n.StartsWith("microsoft_aspnetcore_server_kestrel_kestrel_active_connections", StringComparison.Ordinal));
        Assert.DoesNotContain(scrape.Names, n => n.StartsWith("microsoft_aspnetcore_hosting_", StringComparison.Ordinal));
        Assert.DoesNotContain(scrape.Names, n => n.Contains("msquic", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ConfiguredMeters_AreBridged()
    {
        await using var gateway = await GatewayHost.StartAsync(fixture.Upstream.Url,
            new Dictionary<string, string?> { ["Gateway:Metrics:Meters"] = "Microsoft.AspNetCore.Hosting/" });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo/m");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer x");
        (await gateway.Proxy.SendAsync(request)).Dispose();

        var scrape = await PrometheusScrape.ReadAsync(gateway.Status);
        Assert.Contains(scrape.Names, n => n.StartsWith("microsoft_aspnetcore_hosting_http_server_request_duration", StringComparison.Ordinal));
        Assert.DoesNotContain(scrape.Names, n => n.StartsWith("microsoft_aspnetcore_server_kestrel_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CredentialCacheCounters_UnderSecondSightingAdmission_CountTheAnswerServedButNotKept()
    {
        await using var gateway = await GatewayHost.StartAsync(fixture.Upstream.Url,
            new Dictionary<string, string?> { ["Gateway:CredentialCache:Admission"] = "SecondSighting" });
        var (_, _, token) = await gateway.CreateCallerAsync("admission-caller");
        var before = await PrometheusScrape.ReadAsync(gateway.Status);

        // First use: a miss, served and not kept. Second: a miss, kept. Third: a hit.
        for (var i = 0; i < 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/echo/m");
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
            using var response = await gateway.Proxy.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var after = await PrometheusScrape.ReadAsync(gateway.Status);
        Assert.Equal(1, after.Delta(before, "gateway_credential_cache_not_admitted_total"));
        Assert.Equal(2, after.Delta(before, "gateway_credential_cache_misses_total"));
        Assert.Equal(1, after.Delta(before, "gateway_credential_cache_hits_total"));
    }
}
