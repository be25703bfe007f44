using System.Net.Http.Headers;
using Gateway.FunctionalTests.Infrastructure;
using Gateway.FunctionalTests.Redis;
using Gateway.Testing;

namespace Gateway.FunctionalTests.RateLimiting;

/// <summary>Two gateway replicas in redis mode on one real redis-server, with the rate-limit test routes.</summary>
public sealed class RateLimitReplicaFixture : IAsyncLifetime
{
    public RedisServer Redis { get; private set; } = null!;

    public EchoUpstreamHost Upstream { get; private set; } = null!;

    public GatewayHost A { get; private set; } = null!;

    public GatewayHost B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.LaunchAsync();
        Upstream = await EchoUpstreamHost.StartAsync();
        var mode = new RedisMode(Redis.Configuration);
        var replicas = await Task.WhenAll(StartAsync(mode), StartAsync(mode));
        (A, B) = (replicas[0], replicas[1]);
    }

    public async Task DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await Upstream.DisposeAsync();
        await Redis.DisposeAsync();
    }

    public static async Task<GatewayHost> StartAsync(RedisMode mode, Uri upstream, IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>(mode.Settings);
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var host = await GatewayHost.StartAsync(upstream, settings, routesJson: RateLimitRoutes.Json(upstream));
        host.Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", mode.BootstrapToken);
        return host;
    }

    private Task<GatewayHost> StartAsync(RedisMode mode) => StartAsync(mode, Upstream.Url);
}
