using Gateway.FunctionalTests.Infrastructure;
using Gateway.Testing;

namespace Gateway.FunctionalTests.Redis;

/// <summary>
/// Two gateway replicas (separate hosts, caches and Redis connections) in redis store mode on one real
/// redis-server, in front of one echo upstream. The cache entry lifetime is ten minutes, so a change can only reach
/// the other replica in time through the invalidation broadcast.
/// </summary>
public sealed class ReplicaPairFixture : IAsyncLifetime
{
    public RedisServer Redis { get; private set; } = null!;

    public EchoUpstreamHost Upstream { get; private set; } = null!;

    public RedisMode Mode { get; private set; } = null!;

    public GatewayHost A { get; private set; } = null!;

    public GatewayHost B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.LaunchAsync();
        Upstream = await EchoUpstreamHost.StartAsync();
        Mode = new RedisMode(Redis.Configuration, new Dictionary<string, string?>
        {
            ["Gateway:CredentialCache:EntryLifetime"] = "00:10:00",
        });
        var replicas = await Task.WhenAll(Mode.StartReplicaAsync(Upstream.Url), Mode.StartReplicaAsync(Upstream.Url));
        (A, B) = (replicas[0], replicas[1]);
    }

    public async Task DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await Upstream.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
