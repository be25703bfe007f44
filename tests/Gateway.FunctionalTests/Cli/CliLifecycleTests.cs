using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.Cli;

/// <summary>gatewayctl as a real child process against a real gateway: the whole life of an account and its keys.</summary>
public sealed class CliLifecycleTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>, IDisposable
{
    private readonly GatewayCtl _cli = new();

    private GatewayHost Gateway => fixture.Gateway;

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    public void Dispose() => _cli.Dispose();

    private async Task<string> CreateAccountAsync(string name, params string[] roles)
    {
        var args = new List<string> { "sa", "create", "--name", name, "--org", "acme", "--project", "web", "--profile", "admin", "-o", "json" };
        foreach (var role in roles)
        {
            args.AddRange(["--role", role]);
        }

        return (await _cli.RunAsync([.. args], stdin: null)).AssertExit(0).Json().GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task BearerKey_CreateLoginWhoRequestRevoke_ThenRequestFailsWithExitCode2()
    {
        await _cli.LoginAdminAsync(Gateway);
        var name = Unique("ci");
        var accountId = await CreateAccountAsync(name, "executor");

        var created = (await _cli.RunAsync("sa", "key", "create", accountId, "--description", "pipeline", "--profile", "admin", "-o", "json")).AssertExit(0);
        Assert.Contains("cannot be shown again", created.Stderr, StringComparison.Ordinal);
        var token = created.Json().GetProperty("token").GetString()!;
        var keyId = created.Json().GetProperty("id").GetString()!;
        Assert.StartsWith("gwk_", token);

        var login = (await _cli.LoginAsync(Gateway, "ci", apiKey: token)).AssertExit(0);
        Assert.Contains(name, login.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(token, login.Stdout + login.Stderr, StringComparison.Ordinal);

        var who = (await _cli.RunAsync("auth", "who", "--profile", "ci")).AssertExit(0).Fields();
        Assert.Equal("service_account", who["Type"]);
        Assert.Equal(name, who["Name"]);
        Assert.Equal(accountId, who["Principal ID"]);
        Assert.Equal("acme", who["Org"]);
        Assert.Equal("web", who["Project"]);
        Assert.Equal(keyId, who["Key ID"]);
        Assert.Equal("api-key", who["Auth scheme"]);

        var echo = EchoBody.Parse((await _cli.RunAsync("request", "GET", "/echo/hello?x=1", "--profile", "ci")).AssertExit(0).Stdout);
        Assert.Equal("/echo/hello", echo.Path);
        Assert.Equal("?x=1", echo.Query);
        Assert.Equal(name, echo.Header("X-Gateway-Principal-Name"));
        Assert.Equal(keyId, echo.Header("X-Gateway-Key-Id"));
        Assert.Equal("api-key", echo.Header("X-Gateway-Auth-Scheme"));
        Assert.Null(echo.Header("Authorization"));

        (await _cli.RunAsync("sa", "key", "revoke", accountId, keyId, "--profile", "admin")).AssertExit(0);

        var denied = (await _cli.RunAsync("request", "GET", "/echo/hello", "--profile", "ci")).AssertExit(2);
        Assert.Contains("key_revoked", denied.Stderr, StringComparison.Ordinal);
        Assert.Equal("", denied.Stdout);
        Assert.DoesNotContain(token, denied.Stderr, StringComparison.Ordinal);
        (await _cli.RunAsync("auth", "who", "--profile", "ci")).AssertExit(2);

        var keys = (await _cli.RunAsync("sa", "key", "list", accountId, "--profile", "admin")).AssertExit(0).Table();
        Assert.Equal("revoked", Assert.Single(keys)["STATUS"]);
    }

    [Fact]
    public async Task RenewedKey_Works_AndTheOldOneIsRevoked()
    {
        await _cli.LoginAdminAsync(Gateway);
        var accountId = await CreateAccountAsync(Unique("renew"), "reader");
        var old = (await _cli.RunAsync("sa", "key", "create", accountId, "--expires", "30d", "--profile", "admin", "-o", "json")).AssertExit(0).Json();
        var renewed = (await _cli.RunAsync("sa", "key", "renew", accountId, old.GetProperty("id").GetString()!, "--profile", "admin", "-o", "json")).AssertExit(0);
        Assert.Contains("cannot be shown again", renewed.Stderr, StringComparison.Ordinal);
        var fresh = renewed.Json();
        Assert.NotEqual(old.GetProperty("id").GetString(), fresh.GetProperty("id").GetString());
        Assert.Equal(JsonValueKindOf(old, "expiresAt"), JsonValueKindOf(fresh, "expiresAt"));

        (await _cli.LoginAsync(Gateway, "old", apiKey: old.GetProperty("token").GetString()!)).AssertExit(2);
        (await _cli.LoginAsync(Gateway, "new", apiKey: fresh.GetProperty("token").GetString()!)).AssertExit(0);
    }

    [Fact]
    public async Task HmacProfile_SignedRequestWithRfc9421_ReachesTheUpstream()
    {
        await _cli.LoginAdminAsync(Gateway);
        var name = Unique("signer");
        var accountId = await CreateAccountAsync(name, "executor");
        var key = (await _cli.RunAsync("sa", "key", "create", accountId, "--kind", "hmac", "--profile", "admin", "-o", "json")).AssertExit(0).Json();
        var secret = key.GetProperty("secret").GetString()!;
        (await _cli.LoginAsync(Gateway, "signer", accessKeyId: key.GetProperty("accessKeyId").GetString()!, secret: secret)).AssertExit(0);

        var result = (await _cli.RunAsync("request", "POST", "/echo/orders?page=1", "--data", "{\"item\":42}",
            "--header", "X-Trace: t-1", "--profile", "signer")).AssertExit(0);

        var echo = EchoBody.Parse(result.Stdout);
        Assert.Equal("POST", echo.Method);
        Assert.Equal("/echo/orders", echo.Path);
        Assert.Equal("?page=1", echo.Query);
        Assert.Equal("{\"item\":42}", echo.Body);
        Assert.Equal("rfc9421", echo.Header("X-Gateway-Auth-Scheme"));
        Assert.Equal(name, echo.Header("X-Gateway-Principal-Name"));
        Assert.Equal("t-1", echo.Header("X-Trace"));
        Assert.Null(echo.Header("Signature"));
        Assert.Null(echo.Header("Signature-Input"));

        var who = (await _cli.RunAsync("auth", "who", "--profile", "signer", "-o", "json")).AssertExit(0).Json();
        Assert.Equal("rfc9421", who.GetProperty("authScheme").GetString());
        Assert.DoesNotContain(secret, (await _cli.RunAsync("auth", "list")).AssertExit(0).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HmacProfile_SignedRequestWithSigV4_ReachesTheUpstream()
    {
        await _cli.LoginAdminAsync(Gateway);
        var name = Unique("sigv4");
        var accountId = await CreateAccountAsync(name, "executor");
        var key = (await _cli.RunAsync("sa", "key", "create", accountId, "--kind", "hmac", "--profile", "admin", "-o", "json")).AssertExit(0).Json();
        (await _cli.LoginAsync(Gateway, "aws", accessKeyId: key.GetProperty("accessKeyId").GetString()!, secret: key.GetProperty("secret").GetString()!)).AssertExit(0);

        var get = EchoBody.Parse((await _cli.RunAsync("request", "GET", "/echo/items?size=9&color=red", "--sigv4", "--profile", "aws")).AssertExit(0).Stdout);
        Assert.Equal("aws-sigv4", get.Header("X-Gateway-Auth-Scheme"));
        Assert.Equal(name, get.Header("X-Gateway-Principal-Name"));
        Assert.Equal("?size=9&color=red", get.Query);
        Assert.Null(get.Header("X-Amz-Date"));

        var put = EchoBody.Parse((await _cli.RunAsync("request", "PUT", Gateway.Proxy.BaseAddress + "echo/items/7", "--data", "{\"color\":\"blue\"}",
            "--sigv4", "--profile", "aws")).AssertExit(0).Stdout);
        Assert.Equal("PUT", put.Method);
        Assert.Equal("{\"color\":\"blue\"}", put.Body);
        Assert.Equal("aws-sigv4", put.Header("X-Gateway-Auth-Scheme"));
    }

    [Fact]
    public async Task HmacAdminProfile_SignsAdminCalls()
    {
        await _cli.LoginAdminAsync(Gateway);
        var accountId = await CreateAccountAsync(Unique("hmac-admin"), "admin");
        var key = (await _cli.RunAsync("sa", "key", "create", accountId, "--kind", "hmac", "--profile", "admin", "-o", "json")).AssertExit(0).Json();
        (await _cli.LoginAsync(Gateway, "hmac-admin", accessKeyId: key.GetProperty("accessKeyId").GetString()!, secret: key.GetProperty("secret").GetString()!)).AssertExit(0);

        var fetched = (await _cli.RunAsync("sa", "get", accountId, "--profile", "hmac-admin", "-o", "json")).AssertExit(0).Json();
        Assert.Equal(accountId, fetched.GetProperty("id").GetString());
        var created = (await _cli.RunAsync("sa", "create", "--name", Unique("made-by-hmac"), "--org", "acme", "--project", "web", "--profile", "hmac-admin", "-o", "json")).AssertExit(0).Json();
        Assert.StartsWith("sa_", created.GetProperty("id").GetString());

        // The same profile holding a wrong secret is refused: the admin calls really are signed and verified.
        var wrong = key.GetProperty("secret").GetString()![..^1] + (key.GetProperty("secret").GetString()![^1] == 'A' ? "B" : "A");
        (await _cli.RunAsync(["auth", "login", "--profile", "forged", "--no-verify", "--access-key-id", key.GetProperty("accessKeyId").GetString()!,
            "--secret", wrong, "--server", Gateway.Proxy.BaseAddress!.ToString(), "--admin-server", Gateway.Admin.BaseAddress!.ToString()], stdin: null)).AssertExit(0);
        Assert.Contains("invalid_credentials", (await _cli.RunAsync("sa", "get", accountId, "--profile", "forged")).AssertExit(2).Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisableAndEnable_StopAndRestoreTheAccountsKeys()
    {
        await _cli.LoginAdminAsync(Gateway);
        var accountId = await CreateAccountAsync(Unique("toggle"), "reader");
        var token = (await _cli.RunAsync("sa", "key", "create", accountId, "--profile", "admin", "-o", "json")).AssertExit(0).Json().GetProperty("token").GetString()!;
        (await _cli.LoginAsync(Gateway, "toggle", apiKey: token)).AssertExit(0);

        var disabled = (await _cli.RunAsync("sa", "disable", accountId, "--profile", "admin")).AssertExit(0).Fields();
        Assert.Equal("disabled", disabled["Status"]);
        Assert.Contains("account_disabled", (await _cli.RunAsync("request", "GET", "/echo/x", "--profile", "toggle")).AssertExit(2).Stderr, StringComparison.Ordinal);

        var enabled = (await _cli.RunAsync("sa", "enable", accountId, "--profile", "admin", "-o", "json")).AssertExit(0).Json();
        Assert.Equal("active", enabled.GetProperty("status").GetString());
        (await _cli.RunAsync("request", "GET", "/echo/x", "--profile", "toggle")).AssertExit(0);
    }

    [Fact]
    public async Task Delete_WithYes_RemovesTheAccount_ThenGetIsNotFound()
    {
        await _cli.LoginAdminAsync(Gateway);
        var accountId = await CreateAccountAsync(Unique("doomed"));
        var deleted = (await _cli.RunAsync("sa", "delete", accountId, "--yes", "--profile", "admin", "-o", "json")).AssertExit(0).Json();
        Assert.Equal(accountId, deleted.GetProperty("deleted").GetString());

        var missing = (await _cli.RunAsync("sa", "get", accountId, "--profile", "admin")).AssertExit(3);
        Assert.Contains("not_found", missing.Stderr, StringComparison.Ordinal);
    }

    private static System.Text.Json.JsonValueKind JsonValueKindOf(System.Text.Json.JsonElement element, string property) =>
        element.GetProperty(property).ValueKind;
}
