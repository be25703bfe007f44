using System.Net;
using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.Replay;

/// <summary>
/// Two gateway processes sharing one data directory and one real Redis: a signed request accepted by one replica
/// is a replay on the other, for both schemes.
/// </summary>
public sealed class CrossProcessReplayTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "gateway-tests", Guid.NewGuid().ToString("N"));
    private RedisServer _redis = null!;
    private EchoUpstreamHost _upstream = null!;
    private GatewayProcess _a = null!;
    private GatewayProcess _b = null!;

    private string DataDirectory => Path.Combine(_directory, "data");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _redis = await RedisServer.LaunchAsync();
        _upstream = await EchoUpstreamHost.StartAsync();
        var routes = Path.Combine(_directory, "yarp.json");
        await File.WriteAllTextAsync(routes, TestRoutes.Json(_upstream.Url));
        var settings = new Dictionary<string, string> { ["Gateway:Redis:Configuration"] = _redis.Configuration };

        // One after the other: the first creates the store, key files and bootstrap admin; the second finds them.
        _a = await GatewayProcess.StartAsync(DataDirectory, routes, settings);
        _b = await GatewayProcess.StartAsync(DataDirectory, routes, settings);
        _a.AuthenticateAdmin(DataDirectory);
    }

    public async Task DisposeAsync()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
        await _upstream.DisposeAsync();
        await _redis.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<(string KeyId, string Secret)> CreateHmacKeyOnAAsync()
    {
        var created = await _a.Admin.PostAsync("/v1/service-accounts", JsonContent("{\"name\":\"replicas\",\"orgId\":\"acme\",\"roles\":[\"editor\"],\"allowedCidrs\":[]}"));
        var account = System.Text.Json.JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        Assert.True(created.StatusCode == HttpStatusCode.Created, account.ToString());
        var key = await _a.Admin.PostAsync($"/v1/service-accounts/{account.GetProperty("id").GetString()}/keys", JsonContent("{\"kind\":\"hmac\"}"));
        var body = System.Text.Json.JsonDocument.Parse(await key.Content.ReadAsStringAsync()).RootElement;
        Assert.True(key.StatusCode == HttpStatusCode.Created, body.ToString());
        return (body.GetProperty("accessKeyId").GetString()!, body.GetProperty("secret").GetString()!);
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    [Fact]
    public async Task SignedRequestAcceptedByOneReplica_IsAReplayOnTheOther_ForBothSchemes()
    {
        var (keyId, secret) = await CreateHmacKeyOnAAsync();

        // Both replicas stand for one public authority (a load balancer's); here, A's address.
        var rfc9421 = new Rfc9421RequestSigner(_a.Proxy.BaseAddress!, keyId, secret);
        var sigv4 = new SigV4RequestSigner(_a.Proxy.BaseAddress!, keyId, secret);

        var first = rfc9421.Sign("POST", "/echo/deploy?env=prod", "{\"version\":\"1.2.3\"}"u8.ToArray());
        var echo = await Echo.ReadAsync(await first.SendAsync(_a.Proxy));
        Assert.Equal("rfc9421", echo.Header("X-Gateway-Auth-Scheme"));
        await ProblemAssert.HasCodeAsync(await first.SendAsync(_b.Proxy), HttpStatusCode.Unauthorized, "replayed_request");

        // B accepts requests of its own, and A then refuses them in turn.
        var second = sigv4.Sign("GET", "/echo/status?verbose=1");
        Assert.Equal("aws-sigv4", (await Echo.ReadAsync(await second.SendAsync(_b.Proxy))).Header("X-Gateway-Auth-Scheme"));
        await ProblemAssert.HasCodeAsync(await second.SendAsync(_a.Proxy), HttpStatusCode.Unauthorized, "replayed_request");

        var third = rfc9421.Sign("GET", "/echo/status");
        Assert.Equal(HttpStatusCode.OK, (await third.SendAsync(_b.Proxy)).StatusCode);
        await ProblemAssert.HasCodeAsync(await third.SendAsync(_a.Proxy), HttpStatusCode.Unauthorized, "replayed_request");
        await ProblemAssert.HasCodeAsync(await third.SendAsync(_b.Proxy), HttpStatusCode.Unauthorized, "replayed_request");
    }
}
