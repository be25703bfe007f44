using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.Admin;

/// <summary>The admin API over a real admin listener, authenticated with real keys.</summary>
public sealed class AdminApiTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private GatewayHost Gateway => fixture.Gateway;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private Task<HttpResponseMessage> PostRawAsync(string path, string json, string mediaType = "application/json") =>
        Gateway.Admin.PostAsync(path, new StringContent(json, Encoding.UTF8, mediaType));

    [Fact]
    public async Task CreateAccount_Returns201WithLocationAndTheAccount()
    {
        var response = await Gateway.Admin.PostAsJsonAsync("/v1/service-accounts", new
        {
            name = "deployer",
            description = "deploys the web app",
            orgId = "acme",
            projectId = "web",
            roles = new[] { "executor" },
            allowedCidrs = new[] { "10.0.0.0/8", "2001:db8::/32", "192.168.1.7" },
        });
        var account = await JsonAsync(response, HttpStatusCode.Created);
        var id = account.GetProperty("id").GetString()!;
        Assert.StartsWith("sa_", id);
        Assert.Equal($"/v1/service-accounts/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("deployer", account.GetProperty("name").GetString());
        Assert.Equal("web", account.GetProperty("projectId").GetString());
        Assert.Equal("active", account.GetProperty("status").GetString());
        Assert.Equal(["10.0.0.0/8", "2001:db8::/32", "192.168.1.7/32"],
            account.GetProperty("allowedCidrs").EnumerateArray().Select(e => e.GetString()!).ToArray());

        var fetched = await JsonAsync(await Gateway.Admin.GetAsync($"/v1/service-accounts/{id}"), HttpStatusCode.OK);
        Assert.Equal("deploys the web app", fetched.GetProperty("description").GetString());
    }

    [Fact]
    public async Task DuplicateNameInOrg_Is409_ButSameNameInAnotherOrgIsFine()
    {
        await Gateway.CreateAccountAsync("dup", org: "org-a");
        var again = await Gateway.Admin.PostAsJsonAsync("/v1/service-accounts", new { name = "dup", orgId = "org-a" });
        await ProblemAssert.HasCodeAsync(again, HttpStatusCode.Conflict, "conflict");
        await Gateway.CreateAccountAsync("dup", org: "org-b");
    }

    [Theory]
    [InlineData("{\"name\":\"x\",", "invalid_request")]
    [InlineData("[1,2]", "invalid_request")]
    [InlineData("\"just a string\"", "invalid_request")]
    [InlineData("{\"name\":\"x\",\"orgId\":\"acme\",\"color\":\"red\"}", "invalid_request")]
    [InlineData("{\"name\":\"x\",\"orgId\":7}", "invalid_request")]
    [InlineData("{\"orgId\":\"acme\"}", "validation_failed")]
    [InlineData("{\"name\":\"has space\",\"orgId\":\"acme\"}", "validation_failed")]
    [InlineData("{\"name\":\"ok\",\"orgId\":\"acme\",\"roles\":[\"superuser\"]}", "validation_failed")]
    [InlineData("{\"name\":\"ok\",\"orgId\":\"acme\",\"allowedCidrs\":[\"10.0.0.1/8\"]}", "validation_failed")]
    [InlineData("{\"name\":\"ok\",\"orgId\":\"acme\",\"allowedCidrs\":[\"not-an-ip\"]}", "validation_failed")]
    public async Task CreateAccount_BadBody_Is400(string json, string code)
    {
        var response = await PostRawAsync("/v1/service-accounts", json);
        await ProblemAssert.HasCodeAsync(response, HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task CreateAccount_UnknownField_NamesIt()
    {
        var response = await PostRawAsync("/v1/service-accounts", "{\"name\":\"x\",\"orgId\":\"acme\",\"colour\":\"red\"}");
        var problem = await ProblemAssert.HasCodeAsync(response, HttpStatusCode.BadRequest, "invalid_request");
        Assert.Contains("colour", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task CreateAccount_OverLongName_NamesTheField()
    {
        var response = await Gateway.Admin.PostAsJsonAsync("/v1/service-accounts", new { name = new string('n', 65), orgId = "acme" });
        var problem = await ProblemAssert.HasCodeAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _));
    }

    [Fact]
    public async Task CreateAccount_WrongMediaType_Is415()
    {
        var response = await PostRawAsync("/v1/service-accounts", "name=x", "application/x-www-form-urlencoded");
        await ProblemAssert.HasCodeAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    [Fact]
    public async Task CreateAccount_HugeBody_Is413()
    {
        var response = await PostRawAsync("/v1/service-accounts", "{\"description\":\"" + new string('d', 100_000) + "\"}");
        await ProblemAssert.HasCodeAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
    }

    [Fact]
    public async Task AdminCall_WithoutKey_Is401()
    {
        using var client = new HttpClient { BaseAddress = Gateway.Admin.BaseAddress };
        await ProblemAssert.HasCodeAsync(await client.GetAsync("/v1/service-accounts"), HttpStatusCode.Unauthorized, "missing_credentials");
        await ProblemAssert.HasCodeAsync(await client.PostAsJsonAsync("/v1/service-accounts", new { name = "x", orgId = "acme" }),
            HttpStatusCode.Unauthorized, "missing_credentials");
    }

    [Theory]
    [InlineData("reader")]
    [InlineData("editor")]
    public async Task AdminCall_WithNonAdminKey_Is403InsufficientScope(string role)
    {
        var (_, _, token) = await Gateway.CreateCallerAsync("non-admin-" + role, roles: [role]);
        using var client = new HttpClient { BaseAddress = Gateway.Admin.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var list = await client.GetAsync("/v1/service-accounts");
        var problem = await ProblemAssert.HasCodeAsync(list, HttpStatusCode.Forbidden, "insufficient_scope");
        Assert.Contains("gateway.accounts:read", problem.GetProperty("detail").GetString());
        await ProblemAssert.HasCodeAsync(await client.PostAsJsonAsync("/v1/service-accounts", new { name = "x", orgId = "acme" }),
            HttpStatusCode.Forbidden, "insufficient_scope");
    }

    [Theory]
    [InlineData("GET", "/v1/service-accounts/sa_0000000000000000")]
    [InlineData("PATCH", "/v1/service-accounts/sa_0000000000000000")]
    [InlineData("DELETE", "/v1/service-accounts/sa_0000000000000000")]
    [InlineData("GET", "/v1/service-accounts/sa_0000000000000000/keys")]
    [InlineData("POST", "/v1/service-accounts/sa_0000000000000000/keys")]
    [InlineData("GET", "/v1/service-accounts/not-even-an-id")]
    [InlineData("GET", "/v1/nothing-here")]
    public async Task UnknownIds_Are404(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "PATCH" or "POST")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        await ProblemAssert.HasCodeAsync(await Gateway.Admin.SendAsync(request), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task UnknownKeyOfExistingAccount_Is404()
    {
        var account = await Gateway.CreateAccountAsync("no-such-key");
        var other = await Gateway.CreateAccountAsync("other-owner");
        var (otherKey, _) = await Gateway.CreateBearerKeyAsync(other);
        await ProblemAssert.HasCodeAsync(await Gateway.Admin.DeleteAsync($"/v1/service-accounts/{account}/keys/ak_0000000000000000"),
            HttpStatusCode.NotFound, "not_found");
        // A key of another account is not reachable through this account.
        await ProblemAssert.HasCodeAsync(await Gateway.Admin.DeleteAsync($"/v1/service-accounts/{account}/keys/{otherKey}"),
            HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task List_PagesThroughAllAccountsOfAnOrg()
    {
        var created = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            created.Add(await Gateway.CreateAccountAsync($"paged-{i}", org: "paging-org"));
        }

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var url = "/v1/service-accounts?orgId=paging-org&limit=3" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            var page = await JsonAsync(await Gateway.Admin.GetAsync(url), HttpStatusCode.OK);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(created.OrderBy(x => x).ToArray(), seen.OrderBy(x => x).ToArray());
    }

    [Fact]
    public async Task List_FiltersByProjectAndStatus()
    {
        var a = await Gateway.CreateAccountAsync("filter-a", org: "filter-org", project: "p1");
        var b = await Gateway.CreateAccountAsync("filter-b", org: "filter-org", project: "p2");
        await Gateway.Admin.PatchAsJsonAsync($"/v1/service-accounts/{b}", new { status = "disabled" });

        var byProject = await JsonAsync(await Gateway.Admin.GetAsync("/v1/service-accounts?orgId=filter-org&projectId=p1"), HttpStatusCode.OK);
        Assert.Equal([a], byProject.GetProperty("items").EnumerateArray().Select(x => x.GetProperty("id").GetString()!).ToArray());
        var disabled = await JsonAsync(await Gateway.Admin.GetAsync("/v1/service-accounts?orgId=filter-org&status=disabled"), HttpStatusCode.OK);
        Assert.Equal([b], disabled.GetProperty("items").EnumerateArray().Select(x => x.GetProperty("id").GetString()!).ToArray());
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("limit=abc", "limit")]
    [InlineData("cursor=garbage!!", "cursor")]
    [InlineData("status=paused", "status")]
    [InlineData("orgId=bad%20org", "orgId")]
    public async Task List_BadQuery_Is400NamingTheParameter(string query, string field)
    {
        var problem = await ProblemAssert.HasCodeAsync(await Gateway.Admin.GetAsync("/v1/service-accounts?" + query),
            HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Patch_ChangesMutableFields_AndRefusesImmutableOnes()
    {
        var id = await Gateway.CreateAccountAsync("patchable");
        var patched = await JsonAsync(await Gateway.Admin.PatchAsJsonAsync($"/v1/service-accounts/{id}",
            new { description = "new text", roles = new[] { "reader" }, allowedCidrs = new[] { "10.1.0.0/16" } }), HttpStatusCode.OK);
        Assert.Equal("new text", patched.GetProperty("description").GetString());
        Assert.Equal(["reader"], patched.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToArray());
        Assert.Equal(["10.1.0.0/16"], patched.GetProperty("allowedCidrs").EnumerateArray().Select(r => r.GetString()!).ToArray());

        await ProblemAssert.HasCodeAsync(await Gateway.Admin.PatchAsJsonAsync($"/v1/service-accounts/{id}", new { name = "renamed" }),
            HttpStatusCode.BadRequest, "invalid_request");
        await ProblemAssert.HasCodeAsync(await Gateway.Admin.PatchAsJsonAsync($"/v1/service-accounts/{id}", new { status = "paused" }),
            HttpStatusCode.BadRequest, "validation_failed");
        var unchanged = await JsonAsync(await Gateway.Admin.GetAsync($"/v1/service-accounts/{id}"), HttpStatusCode.OK);
        Assert.Equal("patchable", unchanged.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Keys_SecretShownOnce_ListShowsFingerprintsOnly()
    {
        var id = await Gateway.CreateAccountAsync("key-owner");
        var created = await Gateway.Admin.PostAsJsonAsync($"/v1/service-accounts/{id}/keys", new { kind = "bearer", description = "ci" });
        var key = await JsonAsync(created, HttpStatusCode.Created);
        var token = key.GetProperty("token").GetString()!;
        Assert.StartsWith("gwk_", token);
        Assert.Equal(70, token.Length);
        var keyId = key.GetProperty("id").GetString()!;
        Assert.Equal($"/v1/service-accounts/{id}/keys/{keyId}", created.Headers.Location?.OriginalString);

        var expectedFingerprint = "SHA256:" + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(token))).TrimEnd('=');
        Assert.Equal(expectedFingerprint, key.GetProperty("fingerprint").GetString());

        var listText = await (await Gateway.Admin.GetAsync($"/v1/service-accounts/{id}/keys")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(token, listText);
        Assert.DoesNotContain(token[^20..], listText);
        var listed = JsonDocument.Parse(listText).RootElement.GetProperty("items").EnumerateArray().Single();
        Assert.Equal(keyId, listed.GetProperty("id").GetString());
        Assert.Equal(expectedFingerprint, listed.GetProperty("fingerprint").GetString());
        Assert.Equal("active", listed.GetProperty("status").GetString());
        Assert.False(listed.TryGetProperty("token", out _));
        Assert.False(listed.TryGetProperty("secret", out _));
    }

    [Fact]
    public async Task Keys_BadBodies_Are400()
    {
        var id = await Gateway.CreateAccountAsync("key-validation");
        await ProblemAssert.HasCodeAsync(await Gateway.Admin.PostAsJsonAsync($"/v1/service-accounts/{id}/keys", new { kind = "magic" }),
            HttpStatusCode.BadRequest, "validation_failed");
        await ProblemAssert.HasCodeAsync(await Gateway.Admin.PostAsJsonAsync($"/v1/service-accounts/{id}/keys",
            new { expiresAt = DateTimeOffset.UtcNow.AddDays(-1) }), HttpStatusCode.BadRequest, "validation_failed");
        await ProblemAssert.HasCodeAsync(await PostRawAsync($"/v1/service-accounts/{id}/keys", "{\"expiresAt\":\"tomorrow\"}"),
            HttpStatusCode.BadRequest, "invalid_request");
        await ProblemAssert.HasCodeAsync(await Gateway.Admin.PostAsJsonAsync($"/v1/service-accounts/{id}/keys", new { allowedCidrs = new[] { "300.0.0.0/8" } }),
            HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task Renew_IssuesANewKeyAndRevokesTheOldAtOnce()
    {
        var (account, keyId, token) = await Gateway.CreateCallerAsync("renewer");
        var renewed = await JsonAsync(await Gateway.Admin.PostAsync($"/v1/service-accounts/{account}/keys/{keyId}/renew", null), HttpStatusCode.Created);
        var newToken = renewed.GetProperty("token").GetString()!;
        Assert.NotEqual(keyId, renewed.GetProperty("id").GetString());

        using var oldRequest = new HttpRequestMessage(HttpMethod.Get, "/echo/x");
        oldRequest.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        await ProblemAssert.HasCodeAsync(await Gateway.Proxy.SendAsync(oldRequest), HttpStatusCode.Unauthorized, "key_revoked");
        using var newRequest = new HttpRequestMessage(HttpMethod.Get, "/echo/x");
        newRequest.Headers.TryAddWithoutValidation("Authorization", "Bearer " + newToken);
        Assert.Equal(HttpStatusCode.OK, (await Gateway.Proxy.SendAsync(newRequest)).StatusCode);

        // Renewing the revoked key again is a conflict.
        await ProblemAssert.HasCodeAsync(await Gateway.Admin.PostAsync($"/v1/service-accounts/{account}/keys/{keyId}/renew", null),
            HttpStatusCode.Conflict, "conflict");
    }

    [Fact]
    public async Task Rotation_TwoKeysWorkSideBySide_UntilTheOldOneIsRevoked()
    {
        var account = await Gateway.CreateAccountAsync("rotator");
        var (oldId, oldToken) = await Gateway.CreateBearerKeyAsync(account);
        var (_, newToken) = await Gateway.CreateBearerKeyAsync(account);
        foreach (var token in new[] { oldToken, newToken })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/echo/x");
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
            Assert.Equal(HttpStatusCode.OK, (await Gateway.Proxy.SendAsync(request)).StatusCode);
        }

        await Gateway.Admin.DeleteAsync($"/v1/service-accounts/{account}/keys/{oldId}");
        using var after = new HttpRequestMessage(HttpMethod.Get, "/echo/x");
        after.Headers.TryAddWithoutValidation("Authorization", "Bearer " + newToken);
        Assert.Equal(HttpStatusCode.OK, (await Gateway.Proxy.SendAsync(after)).StatusCode);
    }

    [Fact]
    public async Task DeleteAccount_Is204_ThenGone()
    {
        var id = await Gateway.CreateAccountAsync("doomed");
        Assert.Equal(HttpStatusCode.NoContent, (await Gateway.Admin.DeleteAsync($"/v1/service-accounts/{id}")).StatusCode);
        await ProblemAssert.HasCodeAsync(await Gateway.Admin.GetAsync($"/v1/service-accounts/{id}"), HttpStatusCode.NotFound, "not_found");
        await ProblemAssert.HasCodeAsync(await Gateway.Admin.DeleteAsync($"/v1/service-accounts/{id}"), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task IssuedSecrets_NeverAppearInLogs()
    {
        var (account, keyId, token) = await Gateway.CreateCallerAsync("log-check");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo/x");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        await Gateway.Proxy.SendAsync(request);
        await Gateway.Admin.DeleteAsync($"/v1/service-accounts/{account}/keys/{keyId}");
        using var revoked = new HttpRequestMessage(HttpMethod.Get, "/echo/x");
        revoked.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        await Gateway.Proxy.SendAsync(revoked);

        var logs = Gateway.Logs.All;
        Assert.Contains(keyId, logs);
        Assert.DoesNotContain(token[^49..], logs);
        Assert.DoesNotContain(Gateway.BootstrapToken[^49..], logs);
    }
}
