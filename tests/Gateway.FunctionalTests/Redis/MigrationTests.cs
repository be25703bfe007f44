using System.Net;
using Gateway.FunctionalTests.Federation;
using Gateway.FunctionalTests.Infrastructure;
using Gateway.Migration;
using Gateway.Testing;

namespace Gateway.FunctionalTests.Redis;

/// <summary>
/// A single embedded-mode node grows into redis mode: its keys, copied by the <c>migrate</c> verb, keep working
/// without being re-issued, once the replicas are given the node's token-hash and master keys; its trust policies
/// still let CI exchange its OIDC tokens, and its identity-token signing keys (its JWKS) stay the same.
/// </summary>
public sealed class MigrationTests
{
    [Fact]
    public async Task KeysIssuedInEmbeddedMode_WorkInRedisModeAfterMigrate()
    {
        await using var redis = await RedisServer.LaunchAsync();
        await using var upstream = await EchoUpstreamHost.StartAsync();
        await using var issuer = await OidcIssuer.StartAsync();
        await using var embedded = await GatewayHost.StartAsync(upstream.Url, FederationFixture.Settings(issuer));
        var (accountId, _, token) = await embedded.CreateCallerAsync("migrated");
        var (hmacId, secret) = await RedisMode.CreateHmacKeyAsync(embedded, accountId);
        const string repository = "acme/migrated";
        await Federation.Federation.AddPolicyAsync(embedded, accountId, issuer.Url,
            new Dictionary<string, string> { ["repository"] = repository, ["ref"] = "refs/heads/main" });
        var jwks = await embedded.Status.GetStringAsync("/.well-known/jwks.json");
        Assert.Contains("\"kid\"", jwks, StringComparison.Ordinal);
        var bootstrap = embedded.BootstrapToken;
        await embedded.StopAsync();

        var prefix = $"mig{Guid.NewGuid():N}:";
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await MigrationCommand.RunAsync(
        [
            "--from-sqlite", Path.Combine(embedded.DataDirectory, "gateway.db"),
            $"--Gateway:Redis:Configuration={redis.Configuration}", $"--Gateway:Redis:KeyPrefix={prefix}",
        ], output, error, CancellationToken.None);
        Assert.True(code == 0, error.ToString());
        Assert.Contains("accounts: 2 copied", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("keys:     3 copied", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("policies: 1 copied", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("identity-token keys: copied", output.ToString(), StringComparison.Ordinal);

        await using var replica = await GatewayHost.StartAsync(upstream.Url, new Dictionary<string, string?>(FederationFixture.Settings(issuer))
        {
            ["Gateway:Store:Provider"] = "redis",
            ["Gateway:Redis:Configuration"] = redis.Configuration,
            ["Gateway:Redis:KeyPrefix"] = prefix,
            ["Gateway:Keys:HashKey"] = (await File.ReadAllTextAsync(Path.Combine(embedded.DataDirectory, "token-hash.key"))).Trim(),
            ["Gateway:Signing:MasterKeys:0:Id"] = "local",
            ["Gateway:Signing:MasterKeys:0:Key"] = (await File.ReadAllTextAsync(Path.Combine(embedded.DataDirectory, "master.key"))).Trim(),
        });

        Assert.Equal(HttpStatusCode.OK, (await RedisMode.GetAsync(replica, token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await RedisMode.GetAsync(replica, bootstrap, "/echo/admin")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignedGet.Create("/echo/signed", hmacId, secret).SendAsync(replica.Proxy)).StatusCode);
        Assert.False(File.Exists(Path.Combine(replica.DataDirectory, "bootstrap-admin.key")), "no second bootstrap admin may be created");
        var (exchanged, _) = await Federation.Federation.ExchangeOkAsync(replica, issuer.Mint(issuer.GitHub(FederationFixture.Audience, repository)));
        Assert.Equal(HttpStatusCode.OK, (await RedisMode.GetAsync(replica, exchanged)).StatusCode);
        Assert.Equal(jwks, await replica.Status.GetStringAsync("/.well-known/jwks.json"));
    }
}
