using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gateway.Client;
using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.Admin;

/// <summary><c>POST /v1/runners/{runnerId}/credentials</c> over a real admin listener.</summary>
public sealed class RunnerCredentialsTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private GatewayHost Gateway => fixture.Gateway;

    private static string NewRunnerId() => "r-" + Guid.NewGuid().ToString("N")[..12];

    private Task<HttpResponseMessage> IssueAsync(string runnerId, object? body = null) =>
        body is null
            ? Gateway.Admin.PostAsync($"/v1/runners/{runnerId}/credentials", null)
            : Gateway.Admin.PostAsJsonAsync($"/v1/runners/{runnerId}/credentials", body);

    private static async Task<JsonElement> CreatedAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"expected 201, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<HttpResponseMessage> BearerProxyGetAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo/runner");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await Gateway.Proxy.SendAsync(request);
    }

    [Fact]
    public async Task FirstCall_Returns201WithTheCredentialsDocument()
    {
        var runnerId = NewRunnerId();
        var response = await IssueAsync(runnerId, new { orgId = "acme", projectId = "web" });
        var document = await CreatedAsync(response);

        Assert.Equal(
            ["version", "server", "runnerId", "accountId", "accountName", "orgId", "projectId", "keyId", "kind", "accessKeyId", "secret", "createdAt"],
            document.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(1, document.GetProperty("version").GetInt32());
        Assert.Equal(Gateway.Proxy.BaseAddress!.GetLeftPart(UriPartial.Authority), document.GetProperty("server").GetString());
        Assert.Equal(runnerId, document.GetProperty("runnerId").GetString());
        Assert.Equal($"runner-{runnerId}", document.GetProperty("accountName").GetString());
        Assert.Equal("acme", document.GetProperty("orgId").GetString());
        Assert.Equal("web", document.GetProperty("projectId").GetString());
        Assert.Equal("hmac", document.GetProperty("kind").GetString());
        var accountId = document.GetProperty("accountId").GetString()!;
        var keyId = document.GetProperty("keyId").GetString()!;
        Assert.StartsWith("sa_", accountId);
        Assert.StartsWith("ak_", keyId);
        Assert.Equal(keyId, document.GetProperty("accessKeyId").GetString());
        Assert.StartsWith("gws_", document.GetProperty("secret").GetString());
        Assert.True(document.GetProperty("createdAt").TryGetDateTimeOffset(out _));
        Assert.Equal($"/v1/service-accounts/{accountId}/keys/{keyId}", response.Headers.Location?.OriginalString);
        Assert.True(response.Headers.CacheControl?.NoStore);

        var account = JsonDocument.Parse(await Gateway.Admin.GetStringAsync($"/v1/service-accounts/{accountId}")).RootElement;
        Assert.Equal(["executor"], account.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToArray());
        Assert.Equal("active", account.GetProperty("status").GetString());
    }

    [Fact]
    public async Task IssuedHmacKey_SignsRequestsThroughTheProxy()
    {
        var document = await CreatedAsync(await IssueAsync(NewRunnerId()));
        var signer = new Rfc9421SigningHandler(
            new Rfc9421SigningOptions { KeyId = document.GetProperty("accessKeyId").GetString()!, Secret = document.GetProperty("secret").GetString()! },
            TimeProvider.System, new SocketsHttpHandler());
        using var client = new HttpClient(signer) { BaseAddress = new Uri(document.GetProperty("server").GetString()!) };
        var echo = await Echo.ReadAsync(await client.GetAsync("/echo/runner"));
        Assert.Equal("rfc9421", echo.Header("X-Gateway-Auth-Scheme"));
        Assert.Equal(document.GetProperty("accountName").GetString(), echo.Header("X-Gateway-Principal-Name"));
    }

    [Fact]
    public async Task WithoutBody_UsesTheBootstrapOrgAndAnHmacKey()
    {
        var document = await CreatedAsync(await IssueAsync(NewRunnerId()));
        Assert.Equal("system", document.GetProperty("orgId").GetString());
        Assert.Equal(JsonValueKind.Null, document.GetProperty("projectId").ValueKind);
        Assert.Equal("hmac", document.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task BearerKind_CarriesATokenAndNoSecret()
    {
        var document = await CreatedAsync(await IssueAsync(NewRunnerId(), new { kind = "bearer", roles = new[] { "reader" } }));
        Assert.Equal("bearer", document.GetProperty("kind").GetString());
        Assert.StartsWith("gwk_", document.GetProperty("token").GetString());
        Assert.False(document.TryGetProperty("secret", out _));
        Assert.False(document.TryGetProperty("accessKeyId", out _));
        Assert.Equal(HttpStatusCode.OK, (await BearerProxyGetAsync(document.GetProperty("token").GetString()!)).StatusCode);
    }

    [Fact]
    public async Task Regeneration_KeepsTheAccount_AndLeavesExactlyOneWorkingKey()
    {
        var runnerId = NewRunnerId();
        var documents = new List<JsonElement>();
        for (var i = 0; i < 3; i++)
        {
            documents.Add(await CreatedAsync(await IssueAsync(runnerId, new { orgId = "acme", kind = "bearer" })));
        }

        var accountId = documents[0].GetProperty("accountId").GetString()!;
        Assert.All(documents, d => Assert.Equal(accountId, d.GetProperty("accountId").GetString()));
        Assert.Equal(3, documents.Select(d => d.GetProperty("keyId").GetString()).Distinct().Count());

        var keys = JsonDocument.Parse(await Gateway.Admin.GetStringAsync($"/v1/service-accounts/{accountId}/keys")).RootElement.GetProperty("items");
        var statuses = keys.EnumerateArray().ToDictionary(k => k.GetProperty("id").GetString()!, k => k.GetProperty("status").GetString());
        Assert.Equal("revoked", statuses[documents[0].GetProperty("keyId").GetString()!]);
        Assert.Equal("revoked", statuses[documents[1].GetProperty("keyId").GetString()!]);
        Assert.Equal("active", statuses[documents[2].GetProperty("keyId").GetString()!]);

        await ProblemAssert.HasCodeAsync(await BearerProxyGetAsync(documents[0].GetProperty("token").GetString()!), HttpStatusCode.Unauthorized, "key_revoked");
        await ProblemAssert.HasCodeAsync(await BearerProxyGetAsync(documents[1].GetProperty("token").GetString()!), HttpStatusCode.Unauthorized, "key_revoked");
        Assert.Equal(HttpStatusCode.OK, (await BearerProxyGetAsync(documents[2].GetProperty("token").GetString()!)).StatusCode);
    }

    [Fact]
    public async Task ConcurrentFirstCalls_ProvisionOneAccount_WithOneActiveKey()
    {
        var runnerId = NewRunnerId();
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => IssueAsync(runnerId, new { orgId = "acme" })));
        var documents = new List<JsonElement>();
        foreach (var response in responses)
        {
            documents.Add(await CreatedAsync(response));
        }

        var accountIds = documents.Select(d => d.GetProperty("accountId").GetString()).Distinct().ToArray();
        Assert.Single(accountIds);
        var keys = JsonDocument.Parse(await Gateway.Admin.GetStringAsync($"/v1/service-accounts/{accountIds[0]}/keys")).RootElement.GetProperty("items");
        Assert.Equal(8, keys.GetArrayLength());
        Assert.Single(keys.EnumerateArray(), k => k.GetProperty("status").GetString() == "active");
    }

    [Theory]
    [InlineData("has%20space")]
    [InlineData("semi;colon")]
    [InlineData("r%C3%A9sum%C3%A9")]
    [InlineData("a123456789012345678901234567890123456789012345678")]
    public async Task BadRunnerId_Is400NamingIt(string runnerId)
    {
        var problem = await ProblemAssert.HasCodeAsync(await IssueAsync(runnerId), HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("runnerId", out _));
    }

    [Fact]
    public async Task LongestRunnerId_IsAccepted()
    {
        var runnerId = "." + Guid.NewGuid().ToString("N") + new string('x', 15);
        Assert.Equal(48, runnerId.Length);
        var document = await CreatedAsync(await IssueAsync(runnerId));
        Assert.Equal($"runner-{runnerId}", document.GetProperty("accountName").GetString());
    }

    [Theory]
    [InlineData("{\"kind\":\"rsa\"}", "validation_failed", "kind")]
    [InlineData("{\"roles\":[\"superuser\"]}", "validation_failed", "roles[0]")]
    [InlineData("{\"orgId\":\"no spaces\"}", "validation_failed", "orgId")]
    [InlineData("{\"projectId\":\"-x\"}", "validation_failed", "projectId")]
    [InlineData("{\"colour\":\"red\"}", "invalid_request", null)]
    [InlineData("[1]", "invalid_request", null)]
    public async Task BadBody_Is400(string json, string code, string? field)
    {
        var response = await Gateway.Admin.PostAsync($"/v1/runners/{NewRunnerId()}/credentials",
            new StringContent(json, Encoding.UTF8, "application/json"));
        var problem = await ProblemAssert.HasCodeAsync(response, HttpStatusCode.BadRequest, code);
        if (field is not null)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
        }
    }

    [Theory]
    [InlineData("reader")]
    [InlineData("editor")]
    public async Task NonAdmin_Is403(string role)
    {
        var (_, _, token) = await Gateway.CreateCallerAsync("runner-caller-" + Guid.NewGuid().ToString("N")[..8], [role]);
        using var client = new HttpClient { BaseAddress = Gateway.Admin.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var runnerId = NewRunnerId();
        await ProblemAssert.HasCodeAsync(await client.PostAsync($"/v1/runners/{runnerId}/credentials", null),
            HttpStatusCode.Forbidden, "insufficient_scope");
        var page = JsonDocument.Parse(await Gateway.Admin.GetStringAsync("/v1/service-accounts?orgId=system&limit=200")).RootElement;
        Assert.DoesNotContain(page.GetProperty("items").EnumerateArray(), a => a.GetProperty("name").GetString() == $"runner-{runnerId}");
    }

    [Fact]
    public async Task WithoutCredentials_Is401()
    {
        using var client = new HttpClient { BaseAddress = Gateway.Admin.BaseAddress };
        await ProblemAssert.HasCodeAsync(await client.PostAsync($"/v1/runners/{NewRunnerId()}/credentials", null),
            HttpStatusCode.Unauthorized, "missing_credentials");
    }

    [Fact]
    public async Task NotOnTheProxyListener()
    {
        var (_, _, token) = await Gateway.CreateCallerAsync("runner-proxy-" + Guid.NewGuid().ToString("N")[..8], ["admin"]);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/runners/{NewRunnerId()}/credentials");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await Gateway.Proxy.SendAsync(request);

        // /v1/** on the proxy is an upstream route: the echo answers, no credentials are issued.
        var echo = await Echo.ReadAsync(response);
        Assert.Equal("POST", echo.Method);
    }

    [Fact]
    public async Task ExistingAccountWithOtherRolesOrProject_Is409_AndKeepsItsKey()
    {
        var runnerId = NewRunnerId();
        var first = await CreatedAsync(await IssueAsync(runnerId, new { orgId = "acme", kind = "bearer" }));
        await ProblemAssert.HasCodeAsync(await IssueAsync(runnerId, new { orgId = "acme", roles = new[] { "admin" } }), HttpStatusCode.Conflict, "conflict");
        await ProblemAssert.HasCodeAsync(await IssueAsync(runnerId, new { orgId = "acme", projectId = "web" }), HttpStatusCode.Conflict, "conflict");

        // The same roles as the account has, named explicitly, regenerate as usual.
        await CreatedAsync(await IssueAsync(runnerId, new { orgId = "acme", roles = new[] { "executor" } }));
        await ProblemAssert.HasCodeAsync(await BearerProxyGetAsync(first.GetProperty("token").GetString()!), HttpStatusCode.Unauthorized, "key_revoked");
    }

    [Fact]
    public async Task DisabledRunnerAccount_Is409_AndStaysDisabled()
    {
        var runnerId = NewRunnerId();
        var first = await CreatedAsync(await IssueAsync(runnerId, new { orgId = "acme" }));
        var accountId = first.GetProperty("accountId").GetString()!;
        var patch = await Gateway.Admin.PatchAsync($"/v1/service-accounts/{accountId}",
            new StringContent("{\"status\":\"disabled\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);

        await ProblemAssert.HasCodeAsync(await IssueAsync(runnerId, new { orgId = "acme" }), HttpStatusCode.Conflict, "conflict");
        var account = JsonDocument.Parse(await Gateway.Admin.GetStringAsync($"/v1/service-accounts/{accountId}")).RootElement;
        Assert.Equal("disabled", account.GetProperty("status").GetString());
    }

    [Fact]
    public async Task ConfiguredPublicUrl_IsTheServer()
    {
        await using var gateway = await GatewayHost.StartAsync(fixture.Upstream.Url,
            new Dictionary<string, string?> { ["Gateway:PublicUrl"] = "https://gateway.example.com/" });
        var response = await gateway.Admin.PostAsync($"/v1/runners/{NewRunnerId()}/credentials", null);
        var document = await CreatedAsync(response);
        Assert.Equal("https://gateway.example.com", document.GetProperty("server").GetString());
    }

    [Fact]
    public async Task IssuedSecrets_NeverAppearInLogs()
    {
        var document = await CreatedAsync(await IssueAsync(NewRunnerId()));
        var secret = document.GetProperty("secret").GetString()!;
        Assert.Contains(document.GetProperty("keyId").GetString()!, Gateway.Logs.All);
        Assert.DoesNotContain(secret, Gateway.Logs.All);
    }
}
