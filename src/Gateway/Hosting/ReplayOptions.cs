namespace Gateway.Hosting;

/// <summary><c>Gateway:Replay</c>: where nonces of verified signed requests are reserved.</summary>
public sealed class ReplayOptions
{
    /// <summary>
    /// <c>memory</c> (one node) or <c>redis</c> (shared by every replica). Default: <c>redis</c> when
    /// <c>Gateway:Redis:Configuration</c> is set, else <c>memory</c>.
    /// </summary>
    public string? Store { get; set; }

    /// <summary>Most nonces the in-process store holds; when full of unexpired nonces signed requests get 503. Default 1,000,000.</summary>
    public int MemoryCapacity { get; set; } = 1_000_000;
}
