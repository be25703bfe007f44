using System.Diagnostics;
using System.Threading.Tasks.Sources;
using StackExchange.Redis;

namespace Gateway.Replay;

/// <summary>
/// A <see cref="RedisNonceStore"/> reservation Redis has not answered yet, as the source of the
/// <see cref="ValueTask{TResult}"/> the store returns: it waits on the client's task through a continuation delegate
/// made once per instance, records the latency, turns a Redis failure into <see cref="NonceStoreUnavailableException"/>
/// and completes — what an <c>async</c> method did, without its per-call state machine box (≈ 145 B per signed
/// request) and its own resumption. Instances are pooled by the store; one is handed out for exactly one reservation
/// and goes back to the pool when its result is read (<see cref="GetResult"/>), which the awaiting caller does once.
/// </summary>
internal sealed class PendingRedisReservation : IValueTaskSource<bool>
{
    private readonly Action _onAnswered;
    private readonly RedisNonceStore _store;
    private ManualResetValueTaskSourceCore<bool> _core;
    private Task<bool>? _answer;
    private long _started;

    /// <summary>A reusable reservation of <paramref name="store"/>.</summary>
    public PendingRedisReservation(RedisNonceStore store)
    {
        _store = store;
        _onAnswered = OnAnswered;
    }

    /// <summary>Waits for <paramref name="answer"/> (not completed yet), started at <paramref name="started"/>.</summary>
    public ValueTask<bool> Wait(Task<bool> answer, long started)
    {
        _answer = answer;
        _started = started;
        var version = _core.Version;

        // No context and no execution context to flow: the delegate is stored as the task's continuation as it is.
        answer.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(_onAnswered);
        return new ValueTask<bool>(this, version);
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
            _store.Return(this);
        }
    }

    /// <inheritdoc />
    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    /// <inheritdoc />
    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    private void OnAnswered()
    {
        var answer = _answer!;
        _answer = null;
        bool reserved;
        Exception? failure;
        try
        {
            reserved = answer.GetAwaiter().GetResult();
            failure = null;
        }
        catch (Exception ex)
        {
            reserved = false;
            failure = _store.Failed(ex);
        }

        _store.Answered(_started);

        // Last: the caller's continuation may run inline here, read the result and return this instance to the pool.
        if (failure is null)
        {
            _core.SetResult(reserved);
        }
        else
        {
            _core.SetException(failure);
        }
    }
}
