namespace Gateway.Replay;

/// <summary><c>Gateway:Replay</c>: where nonces of verified signed requests are reserved.</summary>
public sealed class ReplayOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Gateway:Replay";

    /// <summary>
    /// <c>memory</c> (one node) or <c>redis</c> (shared by every replica). Default: <c>redis</c> when
    /// <c>Gateway:Redis:Configuration</c> or <see cref="RedisConfiguration"/> is set, else <c>memory</c>.
    /// </summary>
    public string? Store { get; set; }

    /// <summary>
    /// A separate StackExchange.Redis configuration string for nonces only, for operators who keep the nonce
    /// cache apart from the credential store. Default: unset, nonces use <c>Gateway:Redis:Configuration</c>.
    /// </summary>
    public string? RedisConfiguration { get; set; }

    /// <summary>
    /// Most nonces the in-process store holds; when full of unexpired nonces signed requests get 503. It sustains
    /// <c>MemoryCapacity ÷ replay window</c> signed requests a second (window = 2 × clock skew + 1 s). Default
    /// 3,000,000: ≈ 5,000 signed requests/s at the default 601 s window, ≈ 225 MB when full (docs/PERFORMANCE.md).
    /// </summary>
    public int MemoryCapacity { get; set; } = 3_000_000;

    /// <summary>The value of <see cref="Store"/> for the in-process store.</summary>
    public const string MemoryStore = "memory";

    /// <summary>The value of <see cref="Store"/> for the shared Redis store.</summary>
    public const string RedisStore = "redis";

    /// <summary>
    /// Whether nonces go to Redis: <see cref="Store"/>, else whether Redis is configured at all
    /// (<paramref name="sharedRedisConfiguration"/>, i.e. <c>Gateway:Redis:Configuration</c>, or <see cref="RedisConfiguration"/>).
    /// </summary>
    public bool UsesRedis(string? sharedRedisConfiguration) =>
        Store is { Length: > 0 } store
            ? string.Equals(store, RedisStore, StringComparison.OrdinalIgnoreCase)
            : !string.IsNullOrEmpty(sharedRedisConfiguration) || !string.IsNullOrEmpty(RedisConfiguration);
}
