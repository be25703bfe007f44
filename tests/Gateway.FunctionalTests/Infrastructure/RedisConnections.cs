using StackExchange.Redis;

namespace Gateway.FunctionalTests.Infrastructure;

/// <summary>Connects to a test Redis the way the gateway does (no abort on connect failure, fail fast while down).</summary>
public static class RedisConnections
{
    public static async Task<ConnectionMultiplexer> ConnectAsync(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        return await ConnectionMultiplexer.ConnectAsync(options);
    }
}
