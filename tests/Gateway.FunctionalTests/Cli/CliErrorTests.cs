using System.Net;
using System.Net.Sockets;
using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.Cli;

/// <summary>gatewayctl's exit codes and error messages: usage 1, auth 2, not found 3, conflict 4, other 5; never a stack trace.</summary>
public sealed class CliErrorTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>, IDisposable
{
    private readonly GatewayCtl _cli = new();

    private GatewayHost Gateway => fixture.Gateway;

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("sa", "create", "--org", "acme")]
    [InlineData("sa", "create", "--name", "x", "--org", "acme", "--colour", "red")]
    [InlineData("sa", "key", "create", "sa_x", "--kind", "rsa")]
    [InlineData("sa", "key", "create", "sa_x", "--expires", "tomorrow")]
    [InlineData("sa", "key", "revoke", "sa_x")]
    [InlineData("sa", "get")]
    [InlineData("sa", "get", "sa_a", "sa_b")]
    [InlineData("sa", "list", "--page-size", "0")]
    [InlineData("sa", "list", "--status", "sleeping")]
    [InlineData("service-account", "frobnicate")]
    [InlineData("bogus")]
    [InlineData("-o", "xml", "auth", "list")]
    [InlineData("--profile", "bad name!", "auth", "list")]
    [InlineData("auth", "login")]
    [InlineData("auth", "login", "--api-key", "gwk_x", "--secret", "gws_y")]
    [InlineData("auth", "login", "--access-key-id", "ak_x")]
    [InlineData("request", "GET")]
    [InlineData("request", "G-T", "/echo/x")]
    [InlineData("runner", "credentials", "r1", "--kind", "rsa")]
    [InlineData("runner")]
    public async Task BadArguments_AreUsageErrors(params string[] args)
    {
        var result = (await _cli.RunAsync(args)).AssertExit(1);

        Assert.StartsWith("error: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--help", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task NoArguments_PrintsHelp_AndIsAUsageError()
    {
        var result = (await _cli.RunAsync()).AssertExit(1);
        Assert.Contains("service-account", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Exit codes", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_IsSuccess()
    {
        var result = (await _cli.RunAsync("sa", "key", "create", "--help")).AssertExit(0);
        Assert.Contains("--expires", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocalChecks_AreUsageErrors()
    {
        await _cli.LoginAdminAsync(Gateway);
        string[][] cases =
        [
            ["request", "GET", "ftp://example.com/x"],
            ["request", "GET", "echo/x"],
            ["request", "GET", "/echo/x", "--header", "no colon here"],
            ["request", "GET", "/echo/x", "--header", "Content-Type: text/plain"],
            ["request", "POST", "/echo/x", "--data", "@/nonexistent/file.json"],
            ["request", "GET", "/echo/x", "--sigv4"],
            ["auth", "login", "--api-key", "not-a-key", "--no-verify", "--profile", "x"],
            ["auth", "login", "--access-key-id", "nope", "--secret", "gws_x", "--no-verify", "--profile", "x"],
            ["auth", "login", "--api-key", Gateway.BootstrapToken, "--server", "localhost:8080", "--profile", "x"],
            ["auth", "use", "missing"],
        ];
        foreach (var args in cases)
        {
            var result = (await _cli.RunAsync(args)).AssertExit(1);
            Assert.StartsWith("error: ", result.Stderr, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("\"x\"", await File.ReadAllTextAsync(_cli.ConfigFile), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotLoggedIn_IsExitCode2()
    {
        var result = (await _cli.RunAsync("sa", "list")).AssertExit(2);
        Assert.Contains("auth login", result.Stderr, StringComparison.Ordinal);
        (await _cli.RunAsync("sa", "list", "--profile", "nobody")).AssertExit(2);
    }

    [Fact]
    public async Task UnknownKey_LoginIsExitCode2_AndNothingIsSaved()
    {
        var token = TokenForge.NewUnknownToken();
        var result = (await _cli.LoginAsync(Gateway, "ghost", apiKey: token)).AssertExit(2);
        Assert.Contains("invalid_credentials", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(token, result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_cli.ConfigFile));
    }

    [Fact]
    public async Task NonAdmin_IsExitCode2_InsufficientScope()
    {
        await _cli.LoginAdminAsync(Gateway);
        var (_, _, token) = await Gateway.CreateCallerAsync(Unique("reader"), ["reader"]);
        (await _cli.LoginAsync(Gateway, "reader", apiKey: token)).AssertExit(0);

        var result = (await _cli.RunAsync("sa", "create", "--name", Unique("x"), "--org", "acme", "--profile", "reader")).AssertExit(2);
        Assert.Contains("insufficient_scope", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("HTTP 403", result.Stderr, StringComparison.Ordinal);
        (await _cli.RunAsync("runner", "credentials", Unique("r"), "--profile", "reader")).AssertExit(2);
    }

    [Fact]
    public async Task UnknownAccountOrKey_IsExitCode3()
    {
        await _cli.LoginAdminAsync(Gateway);
        var result = (await _cli.RunAsync("sa", "get", "sa_0000000000000000")).AssertExit(3);
        Assert.Contains("not_found", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("sa_0000000000000000", result.Stderr, StringComparison.Ordinal);

        var accountId = await Gateway.CreateAccountAsync(Unique("nokey"));
        (await _cli.RunAsync("sa", "key", "revoke", accountId, "ak_0000000000000000")).AssertExit(3);

        // An id with slashes or dot segments never reaches another resource: the admin API refuses the path (400).
        Assert.Contains("invalid_path", (await _cli.RunAsync("sa", "get", "../../v1/service-accounts")).AssertExit(1).Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DuplicateNameOrRevokedRenewal_IsExitCode4()
    {
        await _cli.LoginAdminAsync(Gateway);
        var name = Unique("dup");
        (await _cli.RunAsync("sa", "create", "--name", name, "--org", "acme")).AssertExit(0);
        var result = (await _cli.RunAsync("sa", "create", "--name", name, "--org", "acme")).AssertExit(4);
        Assert.Contains("conflict", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(name, result.Stderr, StringComparison.Ordinal);

        var accountId = await Gateway.CreateAccountAsync(Unique("renew"));
        var (keyId, _) = await Gateway.CreateBearerKeyAsync(accountId);
        (await _cli.RunAsync("sa", "key", "revoke", accountId, keyId)).AssertExit(0);
        (await _cli.RunAsync("sa", "key", "renew", accountId, keyId)).AssertExit(4);
    }

    [Fact]
    public async Task InvalidValue_FromTheGateway_IsAUsageError_NamingTheField()
    {
        await _cli.LoginAdminAsync(Gateway);
        var result = (await _cli.RunAsync("sa", "create", "--name", Unique("cidr"), "--org", "acme", "--allow-cidr", "10.0.0.1/8", "--role", "wizard")).AssertExit(1);
        Assert.Contains("validation_failed", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("allowedCidrs[0]:", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("roles[0]:", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachableGateway_IsExitCode5()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        (await _cli.RunAsync(["auth", "login", "--api-key", Gateway.BootstrapToken, "--no-verify", "--profile", "dead",
            "--server", $"http://127.0.0.1:{port}", "--admin-server", $"http://127.0.0.1:{port}"], stdin: null)).AssertExit(0);
        var result = (await _cli.RunAsync("sa", "list", "--profile", "dead")).AssertExit(5);
        Assert.Contains("cannot reach the gateway", result.Stderr, StringComparison.Ordinal);
        (await _cli.RunAsync("request", "GET", "/echo/x", "--profile", "dead")).AssertExit(5);
    }

    [Fact]
    public async Task Delete_WithoutYes_WhenStdinIsNotATerminal_RefusesAndDeletesNothing()
    {
        await _cli.LoginAdminAsync(Gateway);
        var accountId = await Gateway.CreateAccountAsync(Unique("kept"));

        var refused = (await _cli.RunAsync(["sa", "delete", accountId], stdin: "y\n")).AssertExit(1);
        Assert.Contains("--yes", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await Gateway.Admin.GetAsync($"/v1/service-accounts/{accountId}")).StatusCode);

        (await _cli.RunAsync("sa", "delete", accountId)).AssertExit(1);
        Assert.Equal(HttpStatusCode.OK, (await Gateway.Admin.GetAsync($"/v1/service-accounts/{accountId}")).StatusCode);
    }
}
