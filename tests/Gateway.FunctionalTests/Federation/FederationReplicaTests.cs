using System.Net;
using System.Net.Http.Json;
using Gateway.FunctionalTests.Infrastructure;
using Gateway.FunctionalTests.Redis;

namespace Gateway.FunctionalTests.Federation;

/// <summary>
/// Two replicas in redis mode on one real redis-server: a policy added on one is used on the other, an id_token's
/// jti is single-use across both, and disabling the account on one stops the access token on the other at once.
/// </summary>
public sealed class FederationReplicaTests : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private EchoUpstreamHost _upstream = null!;
    private OidcIssuer _issuer = null!;
    private GatewayHost _a = null!;
    private GatewayHost _b = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.LaunchAsync();
        _upstream = await EchoUpstreamHost.StartAsync();
        _issuer = await OidcIssuer.StartAsync();
        var settings = FederationFixture.Settings(_issuer);
        settings["Gateway:CredentialCache:EntryLifetime"] = "00:10:00";
        var mode = new RedisMode(_redis.Configuration, settings);
        var replicas = await Task.WhenAll(mode.StartReplicaAsync(_upstream.Url), mode.StartReplicaAsync(_upstream.Url));
        (_a, _b) = (replicas[0], replicas[1]);
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _issuer.DisposeAsync();
        await _upstream.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task JtiReplay_AcrossReplicas_IsRefused_AndDisableReachesTheOtherReplica()
    {
        var accountId = await _a.CreateAccountAsync("ci-redis");
        await Federation.AddPolicyAsync(_a, accountId, _issuer.Url, new() { ["repository"] = "acme/app" });
        var idToken = _issuer.Mint(_issuer.GitHub(FederationFixture.Audience, "acme/app"));

        var (token, _) = await Federation.ExchangeOkAsync(_b, idToken);
        var replay = await Federation.ExchangeAsync(_a, idToken);
        await Federation.RefusedAsync(replay, HttpStatusCode.Unauthorized, "replayed_request", "invalid_grant");

        Assert.Equal(accountId, (await Echo.ReadAsync(await RedisMode.GetAsync(_a, token))).Header("X-Gateway-Principal-Id"));
        Assert.Equal(HttpStatusCode.OK, (await RedisMode.GetAsync(_b, token)).StatusCode);

        var patch = await _b.Admin.PatchAsJsonAsync($"/v1/service-accounts/{accountId}", new { status = "disabled" });
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        await AssertEventuallyRefusedAsync(_a, token, "account_disabled");
    }

    [Fact]
    public async Task DeletedAccount_PoliciesRemovedFromRedis()
    {
        var accountId = await _a.CreateAccountAsync("ci-deleted");
        await Federation.AddPolicyAsync(_a, accountId, _issuer.Url, new() { ["repository"] = "acme/gone" });
        var (token, _) = await Federation.ExchangeOkAsync(_a, _issuer.Mint(_issuer.GitHub(FederationFixture.Audience, "acme/gone")));

        Assert.Equal(HttpStatusCode.NoContent, (await _a.Admin.DeleteAsync($"/v1/service-accounts/{accountId}")).StatusCode);

        await AssertEventuallyRefusedAsync(_b, token, "invalid_credentials");
        var exchange = await Federation.ExchangeAsync(_b, _issuer.Mint(_issuer.GitHub(FederationFixture.Audience, "acme/gone")));
        await Federation.RefusedAsync(exchange, HttpStatusCode.Unauthorized, "no_matching_trust_policy", "invalid_grant");
        var store = (Gateway.Federation.Store.ITrustPolicyStore)_a.Services.GetService(typeof(Gateway.Federation.Store.ITrustPolicyStore))!;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await store.ListByAccountAsync(accountId, CancellationToken.None)).Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Empty(await store.ListByAccountAsync(accountId, CancellationToken.None));
    }

    /// <summary>The invalidation reaches the other replica over pub/sub: poll briefly, as a client would retry.</summary>
    private static async Task AssertEventuallyRefusedAsync(GatewayHost gateway, string token, string code)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        HttpResponseMessage response;
        do
        {
            response = await RedisMode.GetAsync(gateway, token);
            if (response.StatusCode == HttpStatusCode.Unauthorized || DateTime.UtcNow > deadline)
            {
                break;
            }

            await Task.Delay(20);
        }
        while (true);

        await ProblemAssert.HasCodeAsync(response, HttpStatusCode.Unauthorized, code);
    }
}
