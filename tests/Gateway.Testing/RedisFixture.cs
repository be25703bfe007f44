using Gateway.Redis;
using StackExchange.Redis;
using Xunit;

namespace Gateway.Testing;

/// <summary>
/// One real redis-server and one connection to it (opened as the gateway opens its own), shared by the tests of a
/// class, unit and functional alike. Tests isolate themselves by key prefix (<see cref="NewPrefix"/>), so they never
/// see each other's data.
/// </summary>
public sealed class RedisFixture : IAsyncLifetime
{
    public RedisServer Server { get; private set; } = null!;

    public IConnectionMultiplexer Redis { get; private set; } = null!;

    /// <summary>A key prefix no other test uses.</summary>
    public static string NewPrefix() => $"t{Guid.NewGuid():N}:";

    /// <summary>
    /// A new, independent connection (as a restarted gateway would open); the caller disposes it. Its commands wait up
    /// to 10 s, not the server's 2 s: these connections serve tests of a working Redis, and on a 2-core machine every
    /// test class starting at once can delay an answer past 2 s. Outage tests use their own connections
    /// (<see cref="RedisServer.ConnectToNothingAsync"/>, or a gateway started with <see cref="RedisServer.Configuration"/>).
    /// </summary>
    public Task<IConnectionMultiplexer> ConnectAsync() =>
        RedisConnectionFactory.ConnectAsync(Server.Configuration + ",syncTimeout=10000,asyncTimeout=10000");

    public async Task InitializeAsync()
    {
        Server = await RedisServer.LaunchAsync();
        Redis = await ConnectAsync();
    }

    public async Task DisposeAsync()
    {
        await Redis.DisposeAsync();
        await Server.DisposeAsync();
    }
}
