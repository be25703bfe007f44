using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.Security;

/// <summary>
/// The administration authorization model (docs/API.md, "Administration authorization") over a real gateway: every
/// escalation of the outside review refused, and the tenant matrix (caller × target tenant × endpoint).
/// </summary>
public sealed class AdminAuthorizationTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private GatewayHost Gateway => fixture.Gateway;

    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..10];

    private HttpClient ClientFor(string token)
    {
        var client = new HttpClient { BaseAddress = Gateway.Admin.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<string> AccountAsync(string org, string? project, params string[] roles)
    {
        var response = await Gateway.Admin.PostAsJsonAsync("/v1/service-accounts", new { name = Unique("sa"), orgId = org, projectId = project, roles });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    private async Task<(string Id, HttpClient Client)> CallerAsync(string org, string? project, params string[] roles)
    {
        var id = await AccountAsync(org, project, roles);
        var (_, token) = await Gateway.CreateBearerKeyAsync(id);
        return (id, ClientFor(token));
    }

    private async Task<string> RoleAsync(params string[] scopes)
    {
        var name = Unique("role");
        var response = await Gateway.Admin.PutAsJsonAsync($"/v1/roles/{name}", new { scopes });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return name;
    }

    private async Task<string> BootstrapAccountIdAsync()
    {
        var page = JsonDocument.Parse(await Gateway.Admin.GetStringAsync("/v1/service-accounts?orgId=system&limit=200")).RootElement;
        return page.GetProperty("items").EnumerateArray().First(a => a.GetProperty("name").GetString() == "bootstrap-admin").GetProperty("id").GetString()!;
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement;
    }

    [Fact]
    public async Task AccountsWriter_CannotEscalateThroughAnyEndpoint()
    {
        var org = Unique("org");
        var managerRole = await RoleAsync("gateway.accounts:read", "gateway.accounts:write", "*:read");
        var (managerId, manager) = await CallerAsync(org, null, managerRole);
        var (otherAdminId, _) = await CallerAsync(org, null, "admin");
        var (otherAdminKey, _) = await Gateway.CreateBearerKeyAsync(otherAdminId);
        var bootstrapId = await BootstrapAccountIdAsync();

        // PATCH itself to admin.
        await ProblemAssert.HasCodeAsync(await manager.PatchAsJsonAsync($"/v1/service-accounts/{managerId}", new { roles = new[] { "admin" } }),
            HttpStatusCode.Forbidden, "self_change_refused");

        // Create an account with role admin (or any role holding scopes it lacks).
        await ProblemAssert.HasCodeAsync(await manager.PostAsJsonAsync("/v1/service-accounts", new { name = Unique("evil"), orgId = org, roles = new[] { "admin" } }),
            HttpStatusCode.Forbidden, "escalation_refused");
        await ProblemAssert.HasCodeAsync(await manager.PostAsJsonAsync("/v1/service-accounts", new { name = Unique("evil"), orgId = org, roles = new[] { "executor" } }),
            HttpStatusCode.Forbidden, "escalation_refused");

        // Mint a key for bootstrap-admin (another tenant: not even visible) and for an admin of its own org.
        await ProblemAssert.HasCodeAsync(await manager.PostAsJsonAsync($"/v1/service-accounts/{bootstrapId}/keys", new { kind = "bearer" }),
            HttpStatusCode.NotFound, "not_found");
        await ProblemAssert.HasCodeAsync(await manager.PostAsJsonAsync($"/v1/service-accounts/{otherAdminId}/keys", new { kind = "bearer" }),
            HttpStatusCode.Forbidden, "escalation_refused");

        // Widen its own role.
        await ProblemAssert.HasCodeAsync(await manager.PutAsJsonAsync($"/v1/roles/{managerRole}", new { scopes = new[] { "*" } }),
            HttpStatusCode.Forbidden, "platform_admin_required");

        // Runner credentials in the platform org, or with roles it does not hold.
        await ProblemAssert.HasCodeAsync(await manager.PostAsJsonAsync($"/v1/runners/{Unique("r")}/credentials", new { orgId = "system", roles = new[] { "admin" } }),
            HttpStatusCode.Forbidden, "project_not_allowed");
        await ProblemAssert.HasCodeAsync(await manager.PostAsJsonAsync($"/v1/runners/{Unique("r")}/credentials", new { orgId = org, roles = new[] { "admin" } }),
            HttpStatusCode.Forbidden, "escalation_refused");
        await ProblemAssert.HasCodeAsync(await manager.PostAsJsonAsync($"/v1/runners/{Unique("r")}/credentials", new { roles = new[] { "admin" } }),
            HttpStatusCode.Forbidden, "escalation_refused");

        // Disable, delete, renew or revoke (lock out) another admin.
        await ProblemAssert.HasCodeAsync(await manager.PatchAsJsonAsync($"/v1/service-accounts/{otherAdminId}", new { status = "disabled" }),
            HttpStatusCode.Forbidden, "escalation_refused");
        await ProblemAssert.HasCodeAsync(await manager.DeleteAsync($"/v1/service-accounts/{otherAdminId}"), HttpStatusCode.Forbidden, "escalation_refused");
        await ProblemAssert.HasCodeAsync(await manager.PostAsync($"/v1/service-accounts/{otherAdminId}/keys/{otherAdminKey}/renew", null),
            HttpStatusCode.Forbidden, "escalation_refused");
        await ProblemAssert.HasCodeAsync(await manager.DeleteAsync($"/v1/service-accounts/{otherAdminId}/keys/{otherAdminKey}"),
            HttpStatusCode.Forbidden, "escalation_refused");
        await ProblemAssert.HasCodeAsync(await manager.PatchAsJsonAsync($"/v1/service-accounts/{otherAdminId}/keys/{otherAdminKey}",
            new { rateLimit = new { requestsPerMinute = 1 } }), HttpStatusCode.Forbidden, "escalation_refused");
        await ProblemAssert.HasCodeAsync(await manager.PatchAsJsonAsync($"/v1/service-accounts/{bootstrapId}", new { status = "disabled" }),
            HttpStatusCode.NotFound, "not_found");

        // Nothing changed: the manager still holds only its role and still cannot read the audit trail.
        var self = await Json(await manager.GetAsync($"/v1/service-accounts/{managerId}"), HttpStatusCode.OK);
        Assert.Equal([managerRole], self.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToArray());
        await ProblemAssert.HasCodeAsync(await manager.GetAsync("/v1/audit"), HttpStatusCode.Forbidden, "insufficient_scope");
        var other = await Json(await Gateway.Admin.GetAsync($"/v1/service-accounts/{otherAdminId}"), HttpStatusCode.OK);
        Assert.Equal("active", other.GetProperty("status").GetString());

        // Its own role holds gateway.* scopes: without '*' or gateway.admin:grant it cannot make another manager.
        await ProblemAssert.HasCodeAsync(await manager.PostAsJsonAsync("/v1/service-accounts", new { name = Unique("peer"), orgId = org, roles = new[] { managerRole } }),
            HttpStatusCode.Forbidden, "escalation_refused");

        // What it does hold, it may give: reading, to an account and to a runner (placed in its own org).
        await Json(await manager.PostAsJsonAsync("/v1/service-accounts", new { name = Unique("peer"), orgId = org, roles = new[] { "reader" } }), HttpStatusCode.Created);
        var runner = await Json(await manager.PostAsJsonAsync($"/v1/runners/{Unique("r")}/credentials", new { roles = new[] { "reader" } }), HttpStatusCode.Created);
        Assert.Equal(org, runner.GetProperty("orgId").GetString());
    }

    [Fact]
    public async Task GatewayScopes_AreGrantedOnlyByStarOrAdminGrant()
    {
        var org = Unique("org");
        var accountsAll = await RoleAsync("gateway.accounts:read", "gateway.accounts:write", "*:read");
        var readOnly = await RoleAsync("gateway.accounts:read");
        var (_, holder) = await CallerAsync(org, null, accountsAll);

        // It holds gateway.accounts:read, but without gateway.admin:grant it cannot hand out administration.
        var refused = await ProblemAssert.HasCodeAsync(
            await holder.PostAsJsonAsync("/v1/service-accounts", new { name = Unique("x"), orgId = org, roles = new[] { readOnly } }),
            HttpStatusCode.Forbidden, "escalation_refused");
        Assert.Contains("gateway.admin:grant", refused.GetProperty("detail").GetString());
        await Json(await holder.PostAsJsonAsync("/v1/service-accounts", new { name = Unique("x"), orgId = org, roles = new[] { "reader" } }), HttpStatusCode.Created);

        var granting = await RoleAsync("gateway.accounts:read", "gateway.accounts:write", "gateway.admin:grant");
        var (_, granter) = await CallerAsync(org, null, granting);
        await Json(await granter.PostAsJsonAsync("/v1/service-accounts", new { name = Unique("x"), orgId = org, roles = new[] { readOnly } }), HttpStatusCode.Created);
        await ProblemAssert.HasCodeAsync(
            await granter.PostAsJsonAsync("/v1/service-accounts", new { name = Unique("x"), orgId = org, roles = new[] { "admin" } }),
            HttpStatusCode.Forbidden, "escalation_refused");
    }

    [Fact]
    public async Task AnAccountCannotChangeItsOwnRolesStatusOrCidrs_NorDeleteItself()
    {
        var (id, self) = await CallerAsync(Unique("org"), null, "admin");
        foreach (var body in new object[] { new { roles = new[] { "reader" } }, new { status = "disabled" }, new { allowedCidrs = new[] { "10.0.0.0/8" } } })
        {
            await ProblemAssert.HasCodeAsync(await self.PatchAsJsonAsync($"/v1/service-accounts/{id}", body), HttpStatusCode.Forbidden, "self_change_refused");
        }

        await ProblemAssert.HasCodeAsync(await self.DeleteAsync($"/v1/service-accounts/{id}"), HttpStatusCode.Forbidden, "self_change_refused");

        // Its description and its own keys are its own business.
        await Json(await self.PatchAsJsonAsync($"/v1/service-accounts/{id}", new { description = "mine" }), HttpStatusCode.OK);
        await Json(await self.PostAsJsonAsync($"/v1/service-accounts/{id}/keys", new { kind = "bearer" }), HttpStatusCode.Created);
    }

    [Fact]
    public async Task Roles_AreWrittenOnlyByPlatformAdministrators_WithinTheirOwnScopes()
    {
        var (_, orgAdmin) = await CallerAsync(Unique("org"), null, "admin");
        await ProblemAssert.HasCodeAsync(await orgAdmin.PutAsJsonAsync($"/v1/roles/{Unique("r")}", new { scopes = new[] { "x:read" } }),
            HttpStatusCode.Forbidden, "platform_admin_required");
        await Json(await orgAdmin.GetAsync("/v1/roles"), HttpStatusCode.OK);

        var manager = await RoleAsync("gateway.accounts:read", "gateway.accounts:write", "billing:read");
        var (_, platformManager) = await CallerAsync("system", null, manager);
        await ProblemAssert.HasCodeAsync(await platformManager.PutAsJsonAsync($"/v1/roles/{Unique("r")}", new { scopes = new[] { "billing:*" } }),
            HttpStatusCode.Forbidden, "escalation_refused");
        await ProblemAssert.HasCodeAsync(await platformManager.PutAsJsonAsync($"/v1/roles/{manager}", new { scopes = new[] { "*" } }),
            HttpStatusCode.Forbidden, "escalation_refused");
        var wide = await RoleAsync("deploy:*");
        await ProblemAssert.HasCodeAsync(await platformManager.PutAsJsonAsync($"/v1/roles/{wide}", new { scopes = new[] { "billing:read" } }),
            HttpStatusCode.Forbidden, "escalation_refused");
        await Json(await platformManager.PutAsJsonAsync($"/v1/roles/{Unique("r")}", new { scopes = new[] { "billing:read" } }), HttpStatusCode.Created);
    }

    /// <summary>Caller (platform, org admin, project admin, other org's admin) × target tenant × every account endpoint.</summary>
    [Fact]
    public async Task TenantMatrix_CrossTenantObjectsAre404_OwnTenantWorks()
    {
        var orgA = Unique("orga");
        var orgB = Unique("orgb");
        var callers = new (string Name, HttpClient Client, Func<string, string?, bool> Sees)[]
        {
            ("platform", Gateway.Admin, (_, _) => true),
            ("orgA admin", (await CallerAsync(orgA, null, "admin")).Client, (o, _) => o == orgA),
            ("orgA/p1 admin", (await CallerAsync(orgA, "p1", "admin")).Client, (o, p) => o == orgA && p == "p1"),
            ("orgB admin", (await CallerAsync(orgB, null, "admin")).Client, (o, _) => o == orgB),
        };
        var tenants = new (string Org, string? Project)[] { (orgA, null), (orgA, "p1"), (orgA, "p2"), (orgB, null) };
        var failures = new List<string>();
        var checks = 0;
        foreach (var caller in callers)
        {
            foreach (var (org, project) in tenants)
            {
                var target = await AccountAsync(org, project, "editor");
                var (keyId, _) = await Gateway.CreateBearerKeyAsync(target);
                var sees = caller.Sees(org, project);
                var calls = new (string What, Func<Task<HttpResponseMessage>> Call, HttpStatusCode Ok)[]
                {
                    ("get", () => caller.Client.GetAsync($"/v1/service-accounts/{target}"), HttpStatusCode.OK),
                    ("list keys", () => caller.Client.GetAsync($"/v1/service-accounts/{target}/keys"), HttpStatusCode.OK),
                    ("patch", () => caller.Client.PatchAsJsonAsync($"/v1/service-accounts/{target}", new { description = "x" }), HttpStatusCode.OK),
                    ("create key", () => caller.Client.PostAsJsonAsync($"/v1/service-accounts/{target}/keys", new { kind = "hmac" }), HttpStatusCode.Created),
                    ("patch key", () => caller.Client.PatchAsJsonAsync($"/v1/service-accounts/{target}/keys/{keyId}", new { description = "x" }), HttpStatusCode.OK),
                    ("renew key", () => caller.Client.PostAsync($"/v1/service-accounts/{target}/keys/{keyId}/renew", null), HttpStatusCode.Created),
                    ("revoke key", () => caller.Client.DeleteAsync($"/v1/service-accounts/{target}/keys/{keyId}"), HttpStatusCode.NoContent),
                    ("delete", () => caller.Client.DeleteAsync($"/v1/service-accounts/{target}"), HttpStatusCode.NoContent),
                };
                foreach (var (what, call, ok) in calls)
                {
                    checks++;
                    using var response = await call();
                    var expected = sees ? ok : HttpStatusCode.NotFound;
                    if (response.StatusCode != expected)
                    {
                        failures.Add($"{caller.Name} {what} on {org}/{project ?? "-"}: {(int)response.StatusCode}, expected {(int)expected}");
                    }
                }

                // Creating in a tenant: allowed exactly where it administers; elsewhere 403 (nothing exists to hide).
                checks++;
                using var create = await caller.Client.PostAsJsonAsync("/v1/service-accounts", new { name = Unique("new"), orgId = org, projectId = project, roles = new[] { "reader" } });
                if (create.StatusCode != (sees ? HttpStatusCode.Created : HttpStatusCode.Forbidden))
                {
                    failures.Add($"{caller.Name} create in {org}/{project ?? "-"}: {(int)create.StatusCode}");
                }
            }

            // Listing shows exactly the caller's tenant; asking for another org shows nothing.
            var listed = JsonDocument.Parse(await caller.Client.GetStringAsync($"/v1/service-accounts?orgId={orgA}&limit=200")).RootElement
                .GetProperty("items").EnumerateArray().ToArray();
            checks++;
            if (listed.Any(a => !caller.Sees(a.GetProperty("orgId").GetString()!, a.GetProperty("projectId").GetString())))
            {
                failures.Add($"{caller.Name} lists an account outside its tenant");
            }

            var all = JsonDocument.Parse(await caller.Client.GetStringAsync("/v1/service-accounts?limit=200")).RootElement.GetProperty("items").EnumerateArray().ToArray();
            checks++;
            if (caller.Name != "platform" && all.Any(a => !caller.Sees(a.GetProperty("orgId").GetString()!, a.GetProperty("projectId").GetString())))
            {
                failures.Add($"{caller.Name} lists an account outside its tenant without a filter");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {checks} checks failed:\n" + string.Join('\n', failures));
    }

    [Fact]
    public async Task Audit_ShowsATenantAdministratorOnlyItsTenant()
    {
        var orgA = Unique("orga");
        var (adminId, admin) = await CallerAsync(orgA, null, "admin");
        var (foreignId, foreign) = await CallerAsync(Unique("orgb"), null, "admin");
        await Json(await admin.PostAsJsonAsync("/v1/service-accounts", new { name = Unique("a"), orgId = orgA }), HttpStatusCode.Created);
        await Json(await foreign.PostAsJsonAsync("/v1/service-accounts", new { name = Unique("b"), orgId = (await Json(await foreign.GetAsync($"/v1/service-accounts/{foreignId}"), HttpStatusCode.OK)).GetProperty("orgId").GetString() }), HttpStatusCode.Created);

        JsonElement[] items = [];
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var platformView = JsonDocument.Parse(await Gateway.Admin.GetStringAsync("/v1/audit?action=service_account.create&limit=1000")).RootElement.GetProperty("items").EnumerateArray().ToArray();
            if (platformView.Any(e => e.GetProperty("principalId").GetString() == adminId) && platformView.Any(e => e.GetProperty("principalId").GetString() == foreignId))
            {
                items = JsonDocument.Parse(await admin.GetStringAsync("/v1/audit?limit=1000")).RootElement.GetProperty("items").EnumerateArray().ToArray();
                break;
            }

            await Task.Delay(50);
        }

        Assert.Contains(items, e => e.GetProperty("principalId").GetString() == adminId);
        Assert.DoesNotContain(items, e => e.GetProperty("principalId").GetString() != adminId);
        var filtered = JsonDocument.Parse(await admin.GetStringAsync($"/v1/audit?principalId={foreignId}")).RootElement.GetProperty("items");
        Assert.Equal(0, filtered.GetArrayLength());
    }
}
