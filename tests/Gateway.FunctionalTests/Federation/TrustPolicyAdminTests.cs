using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.Federation;

/// <summary>The trust policy admin API: validation, listing, deletion, tenant scoping, no escalation, audit.</summary>
public sealed class TrustPolicyAdminTests(FederationFixture fixture) : IClassFixture<FederationFixture>
{
    private GatewayHost Gateway => fixture.Gateway;

    private string Path(string accountId) => $"/v1/service-accounts/{accountId}/trust-policies";

    [Fact]
    public async Task Create_List_Delete()
    {
        var accountId = await Gateway.CreateAccountAsync("tp-crud");
        var created = await Gateway.Admin.PostAsJsonAsync(Path(accountId), new
        {
            issuer = fixture.Issuer.Url,
            audience = "https://gw",
            conditions = new Dictionary<string, string> { ["repository"] = "acme/app", ["ref"] = "refs/heads/*" },
            allowedCidrs = new[] { "10.0.0.0/8" },
            maxTokenLifetime = 600,
            description = "deploy",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var policy = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = policy.GetProperty("id").GetString()!;
        Assert.Equal($"{Path(accountId)}/{id}", created.Headers.Location?.ToString());
        Assert.Equal(600, policy.GetProperty("maxTokenLifetime").GetInt32());

        var list = await Gateway.Admin.GetFromJsonAsync<JsonElement>(Path(accountId));
        Assert.Equal(id, Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await Gateway.Admin.DeleteAsync($"{Path(accountId)}/{id}")).StatusCode);
        await ProblemAssert.HasCodeAsync(await Gateway.Admin.DeleteAsync($"{Path(accountId)}/{id}"), HttpStatusCode.NotFound, "not_found");
        Assert.Empty((await Gateway.Admin.GetFromJsonAsync<JsonElement>(Path(accountId))).GetProperty("items").EnumerateArray());

        var audit = await Gateway.Admin.GetFromJsonAsync<JsonElement>("/v1/audit?action=trust_policy.create");
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("target").GetString() == id);
        audit = await Gateway.Admin.GetFromJsonAsync<JsonElement>("/v1/audit?action=trust_policy.delete");
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("target").GetString() == id);
    }

    [Fact]
    public async Task Create_IssuerNotAllowlisted_Is400()
    {
        var accountId = await Gateway.CreateAccountAsync("tp-issuer");
        var response = await Gateway.Admin.PostAsJsonAsync(Path(accountId), new
        {
            issuer = "https://token.actions.githubusercontent.com",
            audience = "https://gw",
            conditions = new Dictionary<string, string> { ["repository"] = "acme/app" },
        });
        var problem = await ProblemAssert.HasCodeAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("issuer", out _));
    }

    [Fact]
    public async Task Create_UnpinnedOwner_Is400()
    {
        var accountId = await Gateway.CreateAccountAsync("tp-unpinned");
        var response = await Gateway.Admin.PostAsJsonAsync(Path(accountId), new
        {
            issuer = fixture.Issuer.Url,
            audience = "https://gw",
            conditions = new Dictionary<string, string> { ["ref"] = "refs/heads/main", ["repository"] = "*" },
        });
        await ProblemAssert.HasCodeAsync(response, HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task Create_UnknownFieldOrAccount_Is400Or404()
    {
        var accountId = await Gateway.CreateAccountAsync("tp-unknown");
        var unknownField = await Gateway.Admin.PostAsJsonAsync(Path(accountId), new { issuer = fixture.Issuer.Url, bogus = 1 });
        await ProblemAssert.HasCodeAsync(unknownField, HttpStatusCode.BadRequest, "invalid_request");
        await ProblemAssert.HasCodeAsync(await Gateway.Admin.GetAsync(Path("sa_0000000000000000")), HttpStatusCode.NotFound, "not_found");
        await ProblemAssert.HasCodeAsync(await Gateway.Admin.GetAsync(Path("nope")), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task OtherTenant_SeesNothing_AndReaderCannotAdd()
    {
        var target = await Gateway.CreateAccountAsync("tp-target", org: "acme");
        var (_, _, otherOrgAdmin) = await CreateCallerInOrgAsync("globex", ["admin"]);
        var (_, _, reader) = await CreateCallerInOrgAsync("acme", ["reader"]);
        var body = new
        {
            issuer = fixture.Issuer.Url,
            audience = "https://gw",
            conditions = new Dictionary<string, string> { ["repository"] = "acme/app" },
        };

        using var other = Client(otherOrgAdmin);
        await ProblemAssert.HasCodeAsync(await other.GetAsync(Path(target)), HttpStatusCode.NotFound, "not_found");
        await ProblemAssert.HasCodeAsync(await other.PostAsJsonAsync(Path(target), body), HttpStatusCode.NotFound, "not_found");
        using var readerClient = Client(reader);
        await ProblemAssert.HasCodeAsync(await readerClient.PostAsJsonAsync(Path(target), body), HttpStatusCode.Forbidden, "insufficient_scope");
    }

    private HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = Gateway.Admin.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<(string AccountId, string KeyId, string Token)> CreateCallerInOrgAsync(string org, string[] roles)
    {
        var accountId = await Gateway.CreateAccountAsync("caller-" + Guid.NewGuid().ToString("N")[..8], org: org, roles: roles);
        var (keyId, token) = await Gateway.CreateBearerKeyAsync(accountId);
        return (accountId, keyId, token);
    }
}
