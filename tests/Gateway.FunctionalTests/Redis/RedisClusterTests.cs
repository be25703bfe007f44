using System.Net;
using Gateway.Errors;
using Gateway.FunctionalTests.Infrastructure;
using Gateway.Testing;

namespace Gateway.FunctionalTests.Redis;

/// <summary>
/// Smoke test on a real three-master Redis Cluster on loopback: the store's scripts and the nonce store work with
/// keys spread over slots and nodes. Fails (not skips) when redis-cli is missing.
/// </summary>
public sealed class RedisClusterTests : IAsyncLifetime
{
    private RedisCluster _cluster = null!;
    private EchoUpstreamHost _upstream = null!;
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync()
    {
        _cluster = await RedisCluster.LaunchAsync();
        _upstream = await EchoUpstreamHost.StartAsync();
        _gateway = await new RedisMode(_cluster.Configuration).StartReplicaAsync(_upstream.Url);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _upstream.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task AccountAndKeyLifecycle_OnRedisCluster()
    {
        var accounts = new List<(string AccountId, string KeyId, string Token)>();
        for (var i = 0; i < 6; i++)
        {
            // Several accounts, so their hash tags land in different slots (and nodes).
            accounts.Add(await _gateway.CreateCallerAsync($"cluster-{i}"));
        }

        foreach (var (_, _, token) in accounts)
        {
            Assert.Equal(HttpStatusCode.OK, (await RedisMode.GetAsync(_gateway, token)).StatusCode);
        }

        var (accountId, keyId, bearer) = accounts[0];
        var (hmacId, secret) = await RedisMode.CreateHmacKeyAsync(_gateway, accountId);
        var signed = SignedGet.Create("/echo/cluster", hmacId, secret);
        Assert.Equal(HttpStatusCode.OK, (await signed.SendAsync(_gateway.Proxy)).StatusCode);
        await ProblemAssert.HasCodeAsync(await signed.SendAsync(_gateway.Proxy), HttpStatusCode.Unauthorized, ErrorCodes.ReplayedRequest);

        Assert.Equal(HttpStatusCode.NoContent, (await _gateway.Admin.DeleteAsync($"/v1/service-accounts/{accountId}/keys/{keyId}")).StatusCode);
        await ProblemAssert.HasCodeAsync(await RedisMode.GetAsync(_gateway, bearer), HttpStatusCode.Unauthorized, ErrorCodes.KeyRevoked);

        var (otherAccount, _, otherToken) = accounts[1];
        Assert.Equal(HttpStatusCode.NoContent, (await _gateway.Admin.DeleteAsync($"/v1/service-accounts/{otherAccount}")).StatusCode);
        await ProblemAssert.HasCodeAsync(await RedisMode.GetAsync(_gateway, otherToken), HttpStatusCode.Unauthorized, ErrorCodes.InvalidCredentials);
        Assert.Equal(HttpStatusCode.NotFound, (await _gateway.Admin.GetAsync($"/v1/service-accounts/{otherAccount}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await RedisMode.GetAsync(_gateway, accounts[2].Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _gateway.Status.GetAsync("/readyz")).StatusCode);
    }
}
