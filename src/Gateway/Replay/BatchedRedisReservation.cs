using System.Threading.Tasks.Sources;
using StackExchange.Redis;

namespace Gateway.Replay;

/// <summary>
/// One reservation waiting in a <see cref="RedisReservationBatcher"/>: its Redis key and lifetime, and the source of
/// the <see cref="ValueTask{TResult}"/> its caller awaits. Instances are pooled by the batcher; one is handed out for
/// exactly one reservation and goes back to the pool when its result is read (<see cref="GetResult"/>), which the
/// awaiting caller does once.
/// </summary>
internal sealed class BatchedRedisReservation : IValueTaskSource<bool>
{
    private readonly RedisReservationBatcher _batcher;
    private ManualResetValueTaskSourceCore<bool> _core;

    /// <summary>A reusable reservation of <paramref name="batcher"/>.</summary>
    public BatchedRedisReservation(RedisReservationBatcher batcher) => _batcher = batcher;

    /// <summary>The Redis key to reserve.</summary>
    public RedisKey Key { get; private set; }

    /// <summary>How long the reservation is held, in milliseconds.</summary>
    public long TtlMilliseconds { get; private set; }

    /// <summary>When the caller asked (a <see cref="System.Diagnostics.Stopwatch"/> timestamp), for the latency metric.</summary>
    public long Started { get; private set; }

    /// <summary>Prepares this instance for <paramref name="key"/> and returns the task its caller awaits.</summary>
    public ValueTask<bool> Start(RedisKey key, long ttlMilliseconds, long started)
    {
        Key = key;
        TtlMilliseconds = ttlMilliseconds;
        Started = started;
        return new ValueTask<bool>(this, _core.Version);
    }

    /// <summary>
    /// Answers the caller: <paramref name="reserved"/>, or <paramref name="failure"/> when not null. With
    /// <paramref name="inline"/> the caller's continuation may run on this thread; otherwise it is queued to the thread
    /// pool, so one batch's callers resume in parallel instead of one after the other.
    /// </summary>
    public void Complete(bool reserved, Exception? failure, bool inline)
    {
        Key = default;
        _core.RunContinuationsAsynchronously = !inline;
        if (failure is null)
        {
            _core.SetResult(reserved);
        }
        else
        {
            _core.SetException(failure);
        }
    }

    /// <inheritdoc />
    public bool GetResult(short token)
    {
        try
        {
            return _core.GetResult(token);
        }
        finally
        {
            _core.Reset();
            _batcher.Return(this);
        }
    }

    /// <inheritdoc />
    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    /// <inheritdoc />
    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
