using StackExchange.Redis;

namespace Gateway.Replay;

/// <summary>
/// One call of a <see cref="RedisReservationBatcher"/> to Redis: the reservations it carries, and the wait for its
/// answer through continuation delegates made once per instance (no continuation task per call). Pooled by the
/// batcher: filled while queued, sent, answered, then cleared and reused.
/// </summary>
internal sealed class RedisReservationCall
{
    private readonly RedisReservationBatcher _batcher;
    private readonly Action _onSingleAnswered;
    private readonly Action _onBatchAnswered;
    private Task<bool>? _single;
    private Task<RedisResult>? _batch;

    /// <summary>A reusable call of <paramref name="batcher"/>.</summary>
    public RedisReservationCall(RedisReservationBatcher batcher)
    {
        _batcher = batcher;
        _onSingleAnswered = OnSingleAnswered;
        _onBatchAnswered = OnBatchAnswered;
    }

    /// <summary>The reservations this call carries, in the order of the script's keys.</summary>
    public List<BatchedRedisReservation> Reservations { get; } = [];

    /// <summary>Waits for the lone <c>SET</c> of this call's one reservation.</summary>
    public void Await(Task<bool> single)
    {
        _single = single;
        single.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(_onSingleAnswered);
    }

    /// <summary>Waits for the batch script of this call's reservations.</summary>
    public void Await(Task<RedisResult> batch)
    {
        _batch = batch;
        batch.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(_onBatchAnswered);
    }

    private void OnSingleAnswered()
    {
        var task = _single!;
        _single = null;
        if (task.IsCompletedSuccessfully)
        {
            _batcher.Answered(this, task.Result ? "1" : "0", failure: null);
        }
        else
        {
            _batcher.Answered(this, answer: null, FailureOf(task));
        }
    }

    private void OnBatchAnswered()
    {
        var task = _batch!;
        _batch = null;
        if (!task.IsCompletedSuccessfully)
        {
            _batcher.Answered(this, answer: null, FailureOf(task));
            return;
        }

        var answer = task.Result.Resp2Type == ResultType.BulkString ? (string?)task.Result : null;
        if (answer is null || answer.Length != Reservations.Count)
        {
            _batcher.Answered(this, answer: null, new RedisException("The nonce reservation script answered something other than one character per key."));
            return;
        }

        _batcher.Answered(this, answer, failure: null);
    }

    private static Exception FailureOf(Task task) =>
        task.Exception?.InnerException ?? new TaskCanceledException(task);
}
