using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.Authorization;

/// <summary>IP allowlists, route scopes, custom roles and org/project boundaries through real HTTP.</summary>
public sealed class AccessPolicyTests(PolicyFixture fixture) : IClassFixture<PolicyFixture>
{
    private GatewayHost Gateway => fixture.Gateway;

    private async Task<HttpResponseMessage> CallAsync(string token, string path, Action<HttpRequestMessage>? setup = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        setup?.Invoke(request);
        return await Gateway.Proxy.SendAsync(request);
    }

    private async Task<string> TokenAsync(string name, string[]? roles = null, string? project = null, string[]? accountCidrs = null,
        string[]? keyCidrs = null, string org = "acme")
    {
        var account = await Gateway.CreateAccountAsync(name, org: org, project: project, roles: roles, allowedCidrs: accountCidrs);
        var response = await Gateway.Admin.PostAsJsonAsync($"/v1/service-accounts/{account}/keys", new { allowedCidrs = keyCidrs ?? [] });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("token").GetString()!;
    }

    [Fact]
    public async Task AccountAllowlist_AdmitsLoopback_RefusesOtherNetworks()
    {
        var allowed = await TokenAsync("ip-allowed", accountCidrs: ["127.0.0.0/8"]);
        var refused = await TokenAsync("ip-refused", accountCidrs: ["10.0.0.0/8", "2001:db8::/32"]);

        Assert.Equal(HttpStatusCode.OK, (await CallAsync(allowed, "/echo/x")).StatusCode);
        var problem = await ProblemAssert.HasCodeAsync(await CallAsync(refused, "/echo/x"), HttpStatusCode.Forbidden, "ip_not_allowed");
        Assert.Contains("127.0.0.1", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task KeyAllowlist_MustAdmitToo()
    {
        var keyRefuses = await TokenAsync("key-ip-refused", accountCidrs: ["127.0.0.0/8"], keyCidrs: ["192.168.0.0/16"]);
        var bothAdmit = await TokenAsync("key-ip-allowed", accountCidrs: ["0.0.0.0/0"], keyCidrs: ["127.0.0.1/32"]);

        await ProblemAssert.HasCodeAsync(await CallAsync(keyRefuses, "/echo/x"), HttpStatusCode.Forbidden, "ip_not_allowed");
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(bothAdmit, "/echo/x")).StatusCode);
    }

    [Fact]
    public async Task ForwardedForFromUntrustedPeer_IsIgnored()
    {
        var token = await TokenAsync("xff-spoofer", accountCidrs: ["10.0.0.0/8"]);
        var response = await CallAsync(token, "/echo/x", r => r.Headers.TryAddWithoutValidation("X-Forwarded-For", "10.1.2.3"));
        await ProblemAssert.HasCodeAsync(response, HttpStatusCode.Forbidden, "ip_not_allowed");
    }

    [Fact]
    public async Task Allowlist_AppliesToAdminCallsToo()
    {
        var id = await Gateway.CreateAccountAsync("remote-admin", roles: ["admin"], allowedCidrs: ["10.0.0.0/8"]);
        var (_, token) = await Gateway.CreateBearerKeyAsync(id);
        using var client = new HttpClient { BaseAddress = Gateway.Admin.BaseAddress };
        client.DefaultRequestHeaders.TryAddWithoutValidation("X-API-Key", token);
        await ProblemAssert.HasCodeAsync(await client.GetAsync("/v1/service-accounts"), HttpStatusCode.Forbidden, "ip_not_allowed");
    }

    [Fact]
    public async Task RequiredScopes_MissingOne_Is403NamingIt()
    {
        var reader = await TokenAsync("scope-reader", roles: ["reader"]);
        var problem = await ProblemAssert.HasCodeAsync(await CallAsync(reader, "/scoped/run"), HttpStatusCode.Forbidden, "insufficient_scope");
        Assert.Contains("builds:execute", problem.GetProperty("detail").GetString());

        var executor = await TokenAsync("scope-executor", roles: ["executor"]);
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(executor, "/scoped/run")).StatusCode);
    }

    [Fact]
    public async Task CustomRole_GrantsItsScopes()
    {
        var put = await Gateway.Admin.PutAsJsonAsync("/v1/roles/builder", new { description = "runs builds", scopes = new[] { "builds:*" } });
        Assert.True(put.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        var token = await TokenAsync("custom-builder", roles: ["builder"]);
        var echo = await Echo.ReadAsync(await CallAsync(token, "/scoped/run"));
        Assert.Equal("builds:*", echo.Header("X-Gateway-Scopes"));

        var narrow = await Gateway.Admin.PutAsJsonAsync("/v1/roles/viewer", new { scopes = new[] { "builds:read" } });
        Assert.Equal(HttpStatusCode.Created, narrow.StatusCode);
        var viewer = await TokenAsync("custom-viewer", roles: ["viewer"]);
        await ProblemAssert.HasCodeAsync(await CallAsync(viewer, "/scoped/run"), HttpStatusCode.Forbidden, "insufficient_scope");

        var roles = JsonDocument.Parse(await Gateway.Admin.GetStringAsync("/v1/roles")).RootElement.GetProperty("items");
        Assert.Contains(roles.EnumerateArray(), r => r.GetProperty("name").GetString() == "builder" && !r.GetProperty("builtIn").GetBoolean());
        Assert.Contains(roles.EnumerateArray(), r => r.GetProperty("name").GetString() == "admin" && r.GetProperty("builtIn").GetBoolean());
    }

    [Fact]
    public async Task CustomRole_ChangedScopes_ApplyToTheNextRequest()
    {
        await Gateway.Admin.PutAsJsonAsync("/v1/roles/changing", new { scopes = new[] { "builds:read" } });
        var token = await TokenAsync("role-changes", roles: ["changing"]);
        await ProblemAssert.HasCodeAsync(await CallAsync(token, "/scoped/run"), HttpStatusCode.Forbidden, "insufficient_scope");
        var update = await Gateway.Admin.PutAsJsonAsync("/v1/roles/changing", new { scopes = new[] { "builds:read", "builds:execute" } });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(token, "/scoped/run")).StatusCode);
    }

    [Theory]
    [InlineData("admin", "{\"scopes\":[\"x:read\"]}", HttpStatusCode.Conflict, "conflict")]
    [InlineData("bad name", "{\"scopes\":[\"x:read\"]}", HttpStatusCode.BadRequest, "validation_failed")]
    [InlineData("ok-role", "{\"scopes\":[]}", HttpStatusCode.BadRequest, "validation_failed")]
    [InlineData("ok-role", "{\"scopes\":[\"no-colon\"]}", HttpStatusCode.BadRequest, "validation_failed")]
    [InlineData("ok-role", "{\"scopes\":[\"a:b:c\"]}", HttpStatusCode.BadRequest, "validation_failed")]
    [InlineData("ok-role", "{\"scopes\":[\"x:read\"],\"extra\":1}", HttpStatusCode.BadRequest, "invalid_request")]
    public async Task PutRole_BadInput_IsRefused(string name, string json, HttpStatusCode status, string code)
    {
        var response = await Gateway.Admin.PutAsync("/v1/roles/" + Uri.EscapeDataString(name),
            new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        await ProblemAssert.HasCodeAsync(response, status, code);
    }

    [Fact]
    public async Task Roles_NeedAdminScopes()
    {
        var reader = await TokenAsync("roles-reader", roles: ["reader"]);
        using var client = new HttpClient { BaseAddress = Gateway.Admin.BaseAddress };
        client.DefaultRequestHeaders.TryAddWithoutValidation("X-API-Key", reader);
        await ProblemAssert.HasCodeAsync(await client.GetAsync("/v1/roles"), HttpStatusCode.Forbidden, "insufficient_scope");
        await ProblemAssert.HasCodeAsync(await client.PutAsJsonAsync("/v1/roles/sneaky", new { scopes = new[] { "*" } }),
            HttpStatusCode.Forbidden, "insufficient_scope");
    }

    [Fact]
    public async Task ProjectAccount_OnlyItsOwnProject()
    {
        var token = await TokenAsync("project-bound", project: "p1");
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(token, "/projects/p1/items")).StatusCode);
        await ProblemAssert.HasCodeAsync(await CallAsync(token, "/projects/p2/items"), HttpStatusCode.Forbidden, "project_not_allowed");
    }

    [Fact]
    public async Task OrgAccount_EveryProjectOfItsOrg_NoOtherOrg()
    {
        var token = await TokenAsync("org-wide-caller");
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(token, "/projects/anything/items")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(token, "/orgs/acme/projects/p9/items")).StatusCode);
        await ProblemAssert.HasCodeAsync(await CallAsync(token, "/orgs/globex/projects/p9/items"), HttpStatusCode.Forbidden, "project_not_allowed");
    }

    [Fact]
    public async Task ProjectAccount_OrgAndProjectMustBothMatch()
    {
        var token = await TokenAsync("org-project-bound", project: "p1");
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(token, "/orgs/acme/projects/p1/x")).StatusCode);
        await ProblemAssert.HasCodeAsync(await CallAsync(token, "/orgs/globex/projects/p1/x"), HttpStatusCode.Forbidden, "project_not_allowed");
        await ProblemAssert.HasCodeAsync(await CallAsync(token, "/orgs/acme/projects/p2/x"), HttpStatusCode.Forbidden, "project_not_allowed");
    }
}
