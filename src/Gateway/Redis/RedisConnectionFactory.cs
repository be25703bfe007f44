using StackExchange.Redis;

namespace Gateway.Redis;

/// <summary>
/// Opens the gateway's Redis connections with the settings every one of them needs, whatever the configuration
/// string says: <c>AbortOnConnectFail=false</c> (start and keep retrying while Redis is away),
/// <see cref="BacklogPolicy.FailFast"/> (while disconnected, commands fail at once instead of queueing, so no
/// request waits on a dead Redis), and reconnect attempts from 0.5 s growing to at most 5 s.
/// </summary>
public static class RedisConnectionFactory
{
    /// <summary>The options for <paramref name="configuration"/> (a StackExchange.Redis configuration string).</summary>
    public static ConfigurationOptions Options(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ReconnectRetryPolicy = new ExponentialRetry(500, 5000);
        return options;
    }

    /// <summary>Connects (once, at start-up) to <paramref name="configuration"/>.</summary>
    public static IConnectionMultiplexer Connect(string configuration) => ConnectionMultiplexer.Connect(Options(configuration));

    /// <summary>Connects asynchronously to <paramref name="configuration"/> (tools and tests).</summary>
    public static async Task<IConnectionMultiplexer> ConnectAsync(string configuration) =>
        await ConnectionMultiplexer.ConnectAsync(Options(configuration));
}
