using System.Runtime.Versioning;
using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.Cli;

/// <summary>gatewayctl's table and JSON output, parsed; profiles and the privacy of the configuration file.</summary>
public sealed class CliOutputTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>, IDisposable
{
    private readonly GatewayCtl _cli = new();

    private GatewayHost Gateway => fixture.Gateway;

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task List_FollowsEveryPage_InTableAndJson()
    {
        await _cli.LoginAdminAsync(Gateway);
        var org = Unique("org");
        var names = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            names.Add($"svc-{i}");
            await Gateway.CreateAccountAsync($"svc-{i}", org: org, project: i % 2 == 0 ? "web" : null);
        }

        var json = (await _cli.RunAsync("sa", "list", "--org", org, "--page-size", "2", "-o", "json")).AssertExit(0).Json();
        var listed = json.EnumerateArray()
            .Select(a => (Name: a.GetProperty("name").GetString()!, Id: a.GetProperty("id").GetString()!, CreatedAt: a.GetProperty("createdAt").GetDateTimeOffset()))
            .ToArray();
        // Every account once, across three pages, in the API's order: creation time, then id (accounts created in the
        // same millisecond are ordered by their random ids, so the order is not always the order of the calls).
        Assert.Equal(names, listed.Select(a => a.Name).Order(StringComparer.Ordinal));
        Assert.Equal(listed.OrderBy(a => a.CreatedAt).ThenBy(a => a.Id, StringComparer.Ordinal), listed);
        Assert.All(json.EnumerateArray(), a => Assert.Equal(org, a.GetProperty("orgId").GetString()));

        var table = (await _cli.RunAsync("sa", "list", "--org", org, "--page-size", "2")).AssertExit(0).Table();
        Assert.Equal(listed.Select(a => a.Name), table.Select(r => r["NAME"]).ToArray());
        Assert.Equal(listed.Select(a => a.Id), table.Select(r => r["ID"]).ToArray());
        Assert.Equal(listed.Select(a => a.Name is "svc-0" or "svc-2" or "svc-4" ? "web" : "-"), table.Select(r => r["PROJECT"]).ToArray());
        Assert.All(table, r => Assert.Equal("editor", r["ROLES"]));

        var filtered = (await _cli.RunAsync("sa", "list", "--org", org, "--project", "web", "-o", "json")).AssertExit(0).Json();
        Assert.Equal(3, filtered.GetArrayLength());
    }

    [Fact]
    public async Task Get_TableAndJsonShowTheSameAccount()
    {
        await _cli.LoginAdminAsync(Gateway);
        var name = Unique("shown");
        var created = (await _cli.RunAsync("sa", "create", "--name", name, "--org", "acme", "--description", "deploys the web app",
            "--role", "reader", "--role", "executor", "--allow-cidr", "10.0.0.0/8", "--allow-cidr", "192.168.1.7")).AssertExit(0).Fields();
        var id = created["ID"];
        Assert.StartsWith("sa_", id);

        var table = (await _cli.RunAsync("sa", "get", id)).AssertExit(0).Fields();
        Assert.Equal(name, table["Name"]);
        Assert.Equal("deploys the web app", table["Description"]);
        Assert.Equal("acme", table["Org"]);
        Assert.Equal("-", table["Project"]);
        Assert.Equal("reader,executor", table["Roles"]);
        Assert.Equal("10.0.0.0/8,192.168.1.7/32", table["Allowed CIDRs"]);
        Assert.Equal("active", table["Status"]);

        var json = (await _cli.RunAsync("sa", "get", id, "--output", "json")).AssertExit(0).Json();
        Assert.Equal(id, json.GetProperty("id").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("projectId").ValueKind);
        Assert.Equal(["reader", "executor"], json.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToArray());
        Assert.Equal(DateTimeOffset.Parse(table["Created"], System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.FromUnixTimeSeconds(json.GetProperty("createdAt").GetDateTimeOffset().ToUnixTimeSeconds()));
    }

    [Fact]
    public async Task KeyList_ShowsFingerprints_NeverSecrets()
    {
        await _cli.LoginAdminAsync(Gateway);
        var accountId = await Gateway.CreateAccountAsync(Unique("keys"));
        var bearer = (await _cli.RunAsync("sa", "key", "create", accountId, "--description", "ci token", "-o", "json")).AssertExit(0).Json();
        var hmac = (await _cli.RunAsync("sa", "key", "create", accountId, "--kind", "hmac", "--expires", "2099-01-01T00:00:00Z")).AssertExit(0);
        var hmacFields = hmac.Fields();
        Assert.StartsWith("gws_", hmacFields["Secret"]);
        Assert.Equal(hmacFields["ID"], hmacFields["Access key ID"]);
        Assert.Equal("2099-01-01T00:00:00Z", hmacFields["Expires"]);
        Assert.Contains("cannot be shown again", hmac.Stderr, StringComparison.Ordinal);

        var list = (await _cli.RunAsync("sa", "key", "list", accountId)).AssertExit(0);
        var rows = list.Table();
        Assert.Equal([bearer.GetProperty("id").GetString()!, hmacFields["ID"]], rows.Select(r => r["ID"]).ToArray());
        Assert.Equal([bearer.GetProperty("fingerprint").GetString()!, hmacFields["Fingerprint"]], rows.Select(r => r["FINGERPRINT"]).ToArray());
        Assert.Equal(["bearer", "hmac"], rows.Select(r => r["KIND"]).ToArray());
        Assert.Equal("ci token", rows[0]["DESCRIPTION"]);
        Assert.Equal("2099-01-01T00:00:00Z", rows[1]["EXPIRES"]);

        var json = (await _cli.RunAsync("sa", "key", "list", accountId, "-o", "json")).AssertExit(0);
        Assert.Equal(2, json.Json().GetArrayLength());
        foreach (var output in new[] { list.Stdout, json.Stdout })
        {
            Assert.DoesNotContain(bearer.GetProperty("token").GetString()!, output, StringComparison.Ordinal);
            Assert.DoesNotContain(hmacFields["Secret"], output, StringComparison.Ordinal);
            Assert.DoesNotContain("\"token\"", output, StringComparison.Ordinal);
            Assert.DoesNotContain("\"secret\"", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task AuthList_ShowsCredentialKinds_NeverSecrets_AndTheConfigIsPrivate()
    {
        await _cli.LoginAdminAsync(Gateway);
        var accountId = await Gateway.CreateAccountAsync(Unique("kinds"));
        var key = (await _cli.RunAsync("sa", "key", "create", accountId, "--kind", "hmac", "-o", "json")).AssertExit(0).Json();
        var secret = key.GetProperty("secret").GetString()!;
        (await _cli.LoginAsync(Gateway, "signer", accessKeyId: key.GetProperty("accessKeyId").GetString()!, secret: secret)).AssertExit(0);

        var table = (await _cli.RunAsync("auth", "list")).AssertExit(0);
        var rows = table.Table().ToDictionary(r => r["PROFILE"]);
        Assert.Equal("bearer", rows["admin"]["CREDENTIAL"]);
        Assert.Equal("hmac", rows["signer"]["CREDENTIAL"]);
        Assert.Equal(key.GetProperty("id").GetString(), rows["signer"]["KEY ID"]);
        Assert.StartsWith("ak_", rows["admin"]["KEY ID"]);
        Assert.Equal("*", rows["signer"]["CURRENT"]);
        Assert.Equal("", rows["admin"]["CURRENT"]);
        Assert.Equal(Gateway.Admin.BaseAddress!.ToString().TrimEnd('/'), rows["admin"]["ADMIN SERVER"]);

        var json = (await _cli.RunAsync("auth", "list", "-o", "json")).AssertExit(0);
        Assert.Equal(["admin", "signer"], json.Json().EnumerateArray().Select(p => p.GetProperty("name").GetString()!).ToArray());
        foreach (var output in new[] { table.Stdout, json.Stdout })
        {
            Assert.DoesNotContain(secret, output, StringComparison.Ordinal);
            Assert.DoesNotContain(Gateway.BootstrapToken, output, StringComparison.Ordinal);
        }

        Assert.Contains(secret, await File.ReadAllTextAsync(_cli.ConfigFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_cli.ConfigFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_cli.ConfigDirectory));
    }

    [Fact]
    public async Task UseAndLogout_SwitchAndRemoveProfiles()
    {
        await _cli.LoginAdminAsync(Gateway, "first");
        await _cli.LoginAdminAsync(Gateway, "second");
        Assert.Equal("*", (await _cli.RunAsync("auth", "list")).AssertExit(0).Table().Single(r => r["PROFILE"] == "second")["CURRENT"]);

        (await _cli.RunAsync("auth", "use", "first")).AssertExit(0);
        Assert.Equal("*", (await _cli.RunAsync("auth", "list")).AssertExit(0).Table().Single(r => r["PROFILE"] == "first")["CURRENT"]);
        (await _cli.RunAsync("auth", "use", "third")).AssertExit(1);

        (await _cli.RunAsync("auth", "logout")).AssertExit(0);
        Assert.Equal(["second"], (await _cli.RunAsync("auth", "list")).AssertExit(0).Table().Select(r => r["PROFILE"]).ToArray());
        Assert.Contains("Not logged in", (await _cli.RunAsync("auth", "who")).AssertExit(2).Stderr, StringComparison.Ordinal);
        (await _cli.RunAsync("auth", "who", "--profile", "second")).AssertExit(0);
        Assert.DoesNotContain("\"first\"", await File.ReadAllTextAsync(_cli.ConfigFile), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_JsonOutput_WrapsStatusHeadersAndBody()
    {
        await _cli.LoginAdminAsync(Gateway);
        var result = (await _cli.RunAsync("request", "GET", "/echo/wrapped", "-o", "json")).AssertExit(0).Json();
        Assert.Equal(200, result.GetProperty("status").GetInt32());
        Assert.StartsWith("application/json", result.GetProperty("headers").GetProperty("content-type")[0].GetString());
        Assert.Equal("/echo/wrapped", result.GetProperty("body").GetProperty("path").GetString());

        var missing = (await _cli.RunAsync("request", "GET", "/nowhere", "-o", "json")).AssertExit(3);
        Assert.Equal(404, missing.Json().GetProperty("status").GetInt32());
        Assert.Equal("not_found", missing.Json().GetProperty("body").GetProperty("code").GetString());
        Assert.Contains("not_found", missing.Stderr, StringComparison.Ordinal);
    }
}
