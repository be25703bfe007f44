using System.Text;
using System.Text.Json;
using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.IdentityToken;

/// <summary>
/// The outside check: a gateway process (<c>dotnet Gateway.dll</c>) with the token on by the gateway-wide default,
/// a real upstream capturing the forwarded header, and PyJWT (Debian's python3-jwt) verifying it with nothing but
/// the JWKS URL. At Debug level the process never logs the token.
/// </summary>
public sealed class IdentityTokenProcessTests : ProcessWorkspace
{
    [Fact]
    public async Task PyJwt_VerifiesTheForwardedToken_FromTheJwksUrlAlone()
    {
        await using var gateway = await GatewayProcess.StartAsync(DataDirectory, RoutesFile, new Dictionary<string, string>
        {
            ["Gateway:IdentityToken:Enabled"] = "true",
            ["Gateway:IdentityToken:Issuer"] = "https://gateway.example.test",
            ["Logging:LogLevel:Default"] = "Debug",
        });
        gateway.AuthenticateAdmin(DataDirectory);
        var account = JsonDocument.Parse(await (await gateway.Admin.PostAsync("/v1/service-accounts",
            new StringContent("{\"name\":\"py-check\",\"orgId\":\"acme\",\"projectId\":\"web\",\"roles\":[\"editor\"]}", Encoding.UTF8, "application/json")))
            .Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        var bearer = JsonDocument.Parse(await (await gateway.Admin.PostAsync($"/v1/service-accounts/{account}/keys",
            new StringContent("{\"kind\":\"bearer\"}", Encoding.UTF8, "application/json"))).Content.ReadAsStringAsync()).RootElement
            .GetProperty("token").GetString()!;

        var forwarded = await JwksVerifier.ForwardedTokenAsync(gateway.Proxy, "/echo/py", bearer);
        Assert.NotNull(forwarded);
        Assert.Null(await JwksVerifier.ForwardedTokenAsync(gateway.Proxy, "/public/py", null));
        var jwksUrl = new Uri(gateway.Status.BaseAddress!, "/.well-known/jwks.json").ToString();
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var script = Path.Combine(AppContext.BaseDirectory, "IdentityToken", "Scripts", "verify_identity_token.py");

        var (exitCode, output, error) = await ChildProcess.RunAsync(python, script, jwksUrl, "https://gateway.example.test", "echo", forwarded);
        var (wrongAudience, _, _) = await ChildProcess.RunAsync(python, script, jwksUrl, "https://gateway.example.test", "billing", forwarded);
        var (wrongIssuer, _, _) = await ChildProcess.RunAsync(python, script, jwksUrl, "https://evil.example.test", "echo", forwarded);

        Assert.True(exitCode == 0, $"PyJWT refused the token ({exitCode}): {error}");
        var claims = JsonDocument.Parse(output).RootElement;
        Assert.Equal(account, claims.GetProperty("sub").GetString());
        Assert.Equal("web", claims.GetProperty("project").GetString());
        Assert.Equal("py-check", claims.GetProperty("principal_name").GetString());
        Assert.NotEqual(0, wrongAudience);
        Assert.NotEqual(0, wrongIssuer);
        Assert.DoesNotContain(forwarded.Split('.')[2], gateway.Output, StringComparison.Ordinal);
    }
}
