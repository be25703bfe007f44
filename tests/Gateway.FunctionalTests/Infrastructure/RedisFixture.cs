using StackExchange.Redis;

namespace Gateway.FunctionalTests.Infrastructure;

/// <summary>One real redis-server and one connection to it, shared by the tests of a class.</summary>
public sealed class RedisFixture : IAsyncLifetime
{
    public RedisServer Server { get; private set; } = null!;

    public ConnectionMultiplexer Connection { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await RedisServer.LaunchAsync();
        Connection = await RedisConnections.ConnectAsync(Server.Configuration);
    }

    public async Task DisposeAsync()
    {
        await Connection.DisposeAsync();
        await Server.DisposeAsync();
    }
}
