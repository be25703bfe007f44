namespace Gateway.Hosting;

/// <summary><c>Gateway:Redis</c>: the shared Redis (or Redis Cluster).</summary>
public sealed class RedisOptions
{
    /// <summary>A StackExchange.Redis configuration string, e.g. <c>redis:6379,password=…,ssl=true</c>; unset: no Redis.</summary>
    public string? Configuration { get; set; }

    /// <summary>Prefix of every key the gateway writes. Default <c>gw:</c>.</summary>
    public string KeyPrefix { get; set; } = "gw:";
}
