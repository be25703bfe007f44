using System.Net;
using Gateway.Errors;
using Gateway.FunctionalTests.Infrastructure;
using Gateway.Redis;
using Gateway.Testing;

namespace Gateway.FunctionalTests.Redis;

/// <summary>
/// <c>Gateway:Replay:RedisConfiguration</c> keeps nonces on a Redis of their own: they are written there and not in
/// the store's Redis, and losing the nonce Redis fails signed requests closed while bearer keys keep working.
/// </summary>
public sealed class SeparateNonceRedisTests
{
    [Fact]
    public async Task NoncesGoToTheirOwnRedis_AndItsOutageOnlyStopsSignedRequests()
    {
        await using var store = await RedisServer.LaunchAsync();
        await using var nonces = await RedisServer.LaunchAsync();
        await using var upstream = await EchoUpstreamHost.StartAsync();
        var mode = new RedisMode(store.Configuration, new Dictionary<string, string?>
        {
            ["Gateway:Replay:RedisConfiguration"] = nonces.Configuration,
        });
        await using var gateway = await mode.StartReplicaAsync(upstream.Url);
        var (accountId, _, token) = await gateway.CreateCallerAsync("separate-nonces");
        var (hmacId, secret) = await RedisMode.CreateHmacKeyAsync(gateway, accountId);

        Assert.Equal(HttpStatusCode.OK, (await SignedGet.Create("/echo/n", hmacId, secret).SendAsync(gateway.Proxy)).StatusCode);

        var prefix = mode.Settings["Gateway:Redis:KeyPrefix"];
        await using (var storeConnection = await RedisConnectionFactory.ConnectAsync(store.Configuration))
        await using (var nonceConnection = await RedisConnectionFactory.ConnectAsync(nonces.Configuration))
        {
            Assert.Single(nonceConnection.GetServers()[0].Keys(pattern: $"{prefix}nonce:{hmacId}:*"));
            Assert.Empty(storeConnection.GetServers()[0].Keys(pattern: $"{prefix}nonce:*"));
        }

        await nonces.StopAsync();

        await ProblemAssert.HasCodeAsync(await SignedGet.Create("/echo/n", hmacId, secret).SendAsync(gateway.Proxy),
            HttpStatusCode.ServiceUnavailable, ErrorCodes.AuthUnavailable);
        Assert.Equal(HttpStatusCode.OK, (await RedisMode.GetAsync(gateway, token)).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await gateway.Status.GetAsync("/readyz")).StatusCode);
    }
}
