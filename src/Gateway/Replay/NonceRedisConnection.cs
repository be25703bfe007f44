using StackExchange.Redis;

namespace Gateway.Replay;

/// <summary>
/// The connection nonces use: its own multiplexer when <c>Gateway:Replay:RedisConfiguration</c> is set, else the
/// shared one. Disposes only a multiplexer it opened itself.
/// </summary>
public sealed class NonceRedisConnection : IDisposable
{
    private readonly bool _owned;

    /// <summary>Wraps <paramref name="multiplexer"/>; <paramref name="owned"/> when this instance opened it.</summary>
    public NonceRedisConnection(IConnectionMultiplexer multiplexer, bool owned)
    {
        Multiplexer = multiplexer;
        _owned = owned;
    }

    /// <summary>The multiplexer nonces are reserved through.</summary>
    public IConnectionMultiplexer Multiplexer { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_owned)
        {
            Multiplexer.Dispose();
        }
    }
}
