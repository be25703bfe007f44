using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Client.Federation;
using Gateway.FunctionalTests.Cli;
using Gateway.FunctionalTests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.FunctionalTests.Federation;

/// <summary>gatewayctl (a real process) and Gateway.Client against a real gateway and a real loopback issuer.</summary>
public sealed class FederationCliTests(FederationFixture fixture) : IClassFixture<FederationFixture>, IDisposable
{
    private readonly GatewayCtl _cli = new();

    private GatewayHost Gateway => fixture.Gateway;

    private OidcIssuer Issuer => fixture.Issuer;

    public void Dispose() => _cli.Dispose();

    private static string NewRepository() => "acme/cli-" + Guid.NewGuid().ToString("N")[..10];

    private string[] Servers(string profile) =>
        ["--profile", profile, "--server", Gateway.Proxy.BaseAddress!.ToString(), "--admin-server", Gateway.Admin.BaseAddress!.ToString()];

    [Fact]
    public async Task TrustPolicyCommands_AddListRemove()
    {
        await _cli.LoginAdminAsync(Gateway);
        var accountId = await Gateway.CreateAccountAsync("cli-" + Guid.NewGuid().ToString("N")[..8]);

        var added = (await _cli.RunAsync("-o", "json", "sa", "trust-policy", "add", accountId, "--issuer", Issuer.Url,
            "--audience", FederationFixture.Audience, "--condition", "repository=acme/app", "--condition", "ref=refs/heads/*",
            "--max-token-lifetime", "300")).AssertExit(0).Json();
        var id = added.GetProperty("id").GetString()!;
        Assert.Equal("refs/heads/*", added.GetProperty("conditions").GetProperty("ref").GetString());

        var listed = (await _cli.RunAsync("sa", "trust-policy", "list", accountId)).AssertExit(0);
        Assert.Contains(id, listed.Stdout);
        Assert.Contains("repository=acme/app", listed.Stdout);

        (await _cli.RunAsync("sa", "trust-policy", "remove", accountId, id)).AssertExit(0);
        Assert.DoesNotContain(id, (await _cli.RunAsync("sa", "trust-policy", "list", accountId)).AssertExit(0).Stdout);
        var missing = await _cli.RunAsync("sa", "trust-policy", "remove", accountId, id);
        Assert.Equal(3, missing.ExitCode);
        (await _cli.RunAsync("sa", "trust-policy", "add", accountId, "--issuer", Issuer.Url, "--audience", "a", "--condition", "novalue")).AssertExit(1);
    }

    [Fact]
    public async Task AuthLoginOidc_FromFile_SavesAProfileThatActsAsTheAccount()
    {
        var repository = NewRepository();
        var accountId = await Gateway.CreateAccountAsync("cli-ci-" + Guid.NewGuid().ToString("N")[..8]);
        await Federation.AddPolicyAsync(Gateway, accountId, Issuer.Url, new() { ["repository"] = repository });
        var file = Path.Combine(Directory.CreateDirectory(_cli.ConfigDirectory).FullName, "id_token");
        await File.WriteAllTextAsync(file, Issuer.Mint(Issuer.GitHub(FederationFixture.Audience, repository)) + "\n");

        var login = (await _cli.RunAsync(["auth", "login", "--oidc", "--id-token-file", file, .. Servers("ci")], stdin: null)).AssertExit(0);
        Assert.Contains("federated access token", login.Stdout);

        var who = (await _cli.RunAsync("-o", "json", "--profile", "ci", "auth", "who")).AssertExit(0).Json();
        Assert.Equal(accountId, who.GetProperty("principalId").GetString());
        Assert.Equal("oidc-federation", who.GetProperty("authScheme").GetString());
        Assert.DoesNotContain("gwf_", (await _cli.RunAsync("auth", "list")).Stdout);
    }

    [Fact]
    public async Task AuthLoginOidc_GitHubActionsRuntime_PrintsTheToken()
    {
        var repository = NewRepository();
        var accountId = await Gateway.CreateAccountAsync("cli-gh-" + Guid.NewGuid().ToString("N")[..8]);
        await Federation.AddPolicyAsync(Gateway, accountId, Issuer.Url, new() { ["repository"] = repository });
        Issuer.ActionsRepository = repository;
        var environment = new Dictionary<string, string>
        {
            ["ACTIONS_ID_TOKEN_REQUEST_URL"] = Issuer.Url + "/actions-token?api-version=2.0",
            ["ACTIONS_ID_TOKEN_REQUEST_TOKEN"] = OidcIssuer.ActionsRuntimeToken,
        };

        var noAudience = await _cli.RunAsync(["auth", "login", "--oidc", .. Servers("gh")], null, environment);
        Assert.Equal(1, noAudience.ExitCode);
        var result = (await _cli.RunAsync(["auth", "login", "--oidc", "--audience", FederationFixture.Audience, "--print-token", .. Servers("gh")],
            null, environment)).AssertExit(0);

        var token = result.Stdout.Trim();
        Assert.StartsWith("gwf_", token);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo/x");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(accountId, (await Echo.ReadAsync(await Gateway.Proxy.SendAsync(request))).Header("X-Gateway-Principal-Id"));
    }

    [Fact]
    public async Task AuthLoginOidc_RefusedToken_IsAnAuthError()
    {
        var file = Path.Combine(Directory.CreateDirectory(_cli.ConfigDirectory).FullName, "bad_token");
        await File.WriteAllTextAsync(file, Issuer.Mint(Issuer.GitHub(FederationFixture.Audience, NewRepository())));

        var result = await _cli.RunAsync(["auth", "login", "--oidc", "--id-token-file", file, .. Servers("bad")], stdin: null);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no_matching_trust_policy", result.Stderr);
    }

    [Fact]
    public async Task ClientHandler_ExchangesOnce_AndAgainBeforeExpiry()
    {
        var repository = NewRepository();
        var accountId = await Gateway.CreateAccountAsync("client-" + Guid.NewGuid().ToString("N")[..8]);
        await Federation.AddPolicyAsync(Gateway, accountId, Issuer.Url, new() { ["repository"] = repository }, maxTokenLifetime: 300);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var exchanges = 0;
        var provider = new FederatedTokenProvider(new FederatedTokenOptions
        {
            Gateway = Gateway.Proxy.BaseAddress!,
            IdToken = _ =>
            {
                Interlocked.Increment(ref exchanges);
                return Task.FromResult(Issuer.Mint(Issuer.GitHub(FederationFixture.Audience, repository)));
            },
        }, time: time);
        using var http = new HttpClient(new FederatedTokenHandler(provider) { InnerHandler = new HttpClientHandler() }) { BaseAddress = Gateway.Proxy.BaseAddress };

        for (var i = 0; i < 3; i++)
        {
            var echo = await Echo.ReadAsync(await http.GetAsync("/echo/x"));
            Assert.Equal(accountId, echo.Header("X-Gateway-Principal-Id"));
        }

        Assert.Equal(1, exchanges);
        time.Advance(TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/echo/x")).StatusCode);
        Assert.Equal(2, exchanges);
    }
}
