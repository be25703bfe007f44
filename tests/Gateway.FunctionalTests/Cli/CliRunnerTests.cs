using System.Net;
using System.Runtime.Versioning;
using System.Text.Json;
using Gateway.Client;
using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.Cli;

/// <summary><c>gatewayctl runner credentials</c> against a real gateway: regeneration, the document, its file mode.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class CliRunnerTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>, IDisposable
{
    private readonly GatewayCtl _cli = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("gatewayctl-runner-").FullName;

    private GatewayHost Gateway => fixture.Gateway;

    private static string NewRunnerId() => "build-" + Guid.NewGuid().ToString("N")[..10];

    public void Dispose()
    {
        _cli.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static async Task<HttpResponseMessage> SignedGetAsync(JsonElement document)
    {
        var signer = new Rfc9421SigningHandler(
            new Rfc9421SigningOptions { KeyId = document.GetProperty("accessKeyId").GetString()!, Secret = document.GetProperty("secret").GetString()! },
            TimeProvider.System, new SocketsHttpHandler());
        using var client = new HttpClient(signer) { BaseAddress = new Uri(document.GetProperty("server").GetString()!) };
        return await client.GetAsync("/echo/runner");
    }

    [Fact]
    public async Task RegeneratedTwice_LeavesExactlyOneWorkingKey_InFilesOfMode0600()
    {
        await _cli.LoginAdminAsync(Gateway);
        var runnerId = NewRunnerId();
        var documents = new List<JsonElement>();
        for (var i = 0; i < 3; i++)
        {
            var file = Path.Combine(_directory, $"runner-{i}.json");
            var result = (await _cli.RunAsync("runner", "credentials", runnerId, "--org", "acme", "--out", file)).AssertExit(0);
            Assert.Contains(file, result.Stdout, StringComparison.Ordinal);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            var document = JsonDocument.Parse(await File.ReadAllTextAsync(file)).RootElement.Clone();
            Assert.DoesNotContain(document.GetProperty("secret").GetString()!, result.Stdout + result.Stderr, StringComparison.Ordinal);
            documents.Add(document);
        }

        Assert.Single(documents.Select(d => d.GetProperty("accountId").GetString()).Distinct());
        Assert.Equal(3, documents.Select(d => d.GetProperty("keyId").GetString()).Distinct().Count());
        Assert.All(documents, d => Assert.Equal($"runner-{runnerId}", d.GetProperty("accountName").GetString()));

        await ProblemAssert.HasCodeAsync(await SignedGetAsync(documents[0]), HttpStatusCode.Unauthorized, "key_revoked");
        await ProblemAssert.HasCodeAsync(await SignedGetAsync(documents[1]), HttpStatusCode.Unauthorized, "key_revoked");
        var echo = await Echo.ReadAsync(await SignedGetAsync(documents[2]));
        Assert.Equal($"runner-{runnerId}", echo.Header("X-Gateway-Principal-Name"));
        Assert.Equal("rfc9421", echo.Header("X-Gateway-Auth-Scheme"));
        Assert.Equal(documents[2].GetProperty("keyId").GetString(), echo.Header("X-Gateway-Key-Id"));

        var keys = (await _cli.RunAsync("sa", "key", "list", documents[0].GetProperty("accountId").GetString()!, "-o", "json")).AssertExit(0).Json();
        Assert.Equal(["revoked", "revoked", "active"], keys.EnumerateArray().Select(k => k.GetProperty("status").GetString()!).ToArray());
    }

    [Fact]
    public async Task Document_HasTheGatewaysShape_AndItsCredentialsWorkWithTheCli()
    {
        await _cli.LoginAdminAsync(Gateway);
        var runnerId = NewRunnerId();
        var file = Path.Combine(_directory, "doc.json");
        var written = (await _cli.RunAsync("runner", "credentials", runnerId, "--org", "acme", "--project", "web", "--role", "reader",
            "--out", file, "-o", "json")).AssertExit(0).Json();
        var document = JsonDocument.Parse(await File.ReadAllTextAsync(file)).RootElement;

        Assert.Equal(
            ["version", "server", "runnerId", "accountId", "accountName", "orgId", "projectId", "keyId", "kind", "accessKeyId", "secret", "createdAt"],
            document.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(1, document.GetProperty("version").GetInt32());
        Assert.Equal(Gateway.Proxy.BaseAddress!.GetLeftPart(UriPartial.Authority), document.GetProperty("server").GetString());
        Assert.Equal("web", document.GetProperty("projectId").GetString());
        Assert.Equal(document.GetProperty("keyId").GetString(), written.GetProperty("keyId").GetString());
        Assert.Equal(file, written.GetProperty("file").GetString());
        Assert.False(written.TryGetProperty("secret", out _));

        (await _cli.LoginAsync(Gateway, "runner", accessKeyId: document.GetProperty("accessKeyId").GetString()!,
            secret: document.GetProperty("secret").GetString()!)).AssertExit(0);
        var who = (await _cli.RunAsync("auth", "who", "-o", "json")).AssertExit(0).Json();
        Assert.Equal($"runner-{runnerId}", who.GetProperty("name").GetString());
        Assert.Equal(["*:read"], who.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()!).ToArray());
    }

    [Fact]
    public async Task Out_ReplacesAFileOthersCouldRead_WithMode0600()
    {
        await _cli.LoginAdminAsync(Gateway);
        var file = Path.Combine(_directory, "loose.json");
        await File.WriteAllTextAsync(file, "old");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        (await _cli.RunAsync("runner", "credentials", NewRunnerId(), "--out", file)).AssertExit(0);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.StartsWith("gws_", JsonDocument.Parse(await File.ReadAllTextAsync(file)).RootElement.GetProperty("secret").GetString());
        Assert.Single(Directory.GetFiles(_directory));
    }

    [Fact]
    public async Task WithoutOut_PrintsTheDocumentOnce_WithAWarning()
    {
        await _cli.LoginAdminAsync(Gateway);
        var json = (await _cli.RunAsync("runner", "credentials", NewRunnerId(), "--kind", "bearer", "-o", "json")).AssertExit(0);
        Assert.Contains("cannot be shown again", json.Stderr, StringComparison.Ordinal);
        var document = json.Json();
        Assert.Equal("bearer", document.GetProperty("kind").GetString());
        var token = document.GetProperty("token").GetString()!;
        Assert.False(document.TryGetProperty("secret", out _));

        (await _cli.LoginAsync(Gateway, "bearer-runner", apiKey: token)).AssertExit(0);
        (await _cli.RunAsync("request", "GET", "/echo/x", "--profile", "bearer-runner")).AssertExit(0);

        var table = (await _cli.RunAsync("runner", "credentials", document.GetProperty("runnerId").GetString()!, "--profile", "admin")).AssertExit(0).Fields();
        Assert.Equal("hmac", table["Kind"]);
        Assert.StartsWith("gws_", table["Secret"]);
        Assert.Equal(document.GetProperty("accountId").GetString(), table["Account"].Split('(', ')')[1]);
        (await _cli.RunAsync("request", "GET", "/echo/x", "--profile", "bearer-runner")).AssertExit(2);
    }

    [Fact]
    public async Task BadRunnerId_IsAUsageError()
    {
        await _cli.LoginAdminAsync(Gateway);
        var result = (await _cli.RunAsync("runner", "credentials", "has space")).AssertExit(1);
        Assert.Contains("runnerId", result.Stderr, StringComparison.Ordinal);
    }
}
