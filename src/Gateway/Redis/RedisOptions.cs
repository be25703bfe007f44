namespace Gateway.Redis;

/// <summary><c>Gateway:Redis</c>: the shared Redis (or Redis Cluster).</summary>
public sealed class RedisOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Gateway:Redis";

    /// <summary>A StackExchange.Redis configuration string, e.g. <c>redis:6379,password=…,ssl=true</c>; unset: no Redis.</summary>
    public string? Configuration { get; set; }

    /// <summary>
    /// Prefix of every key (and of the invalidation channel) the gateway writes. Default <c>gw:</c>. Must not contain
    /// <c>{</c> or <c>}</c>, which would change the Redis Cluster hash slots of the store's keys.
    /// </summary>
    public string KeyPrefix { get; set; } = "gw:";

    /// <summary>
    /// How long after the store became unreachable (connection lost or a lookup failed) bearer keys already in a
    /// replica's credential cache keep authenticating; after that, and for keys not cached, requests get 503
    /// <c>auth_unavailable</c>. Zero: no grace at all. Default 60 seconds, at most one hour.
    /// </summary>
    public TimeSpan MaxStaleness { get; set; } = TimeSpan.FromSeconds(60);
}
