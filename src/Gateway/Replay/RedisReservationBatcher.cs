using Microsoft.Extensions.ObjectPool;
using StackExchange.Redis;

namespace Gateway.Replay;

/// <summary>
/// Coalesces concurrent nonce reservations into one Redis call (<see cref="RedisNonceStore"/>, standalone Redis): a
/// reservation that finds no call in flight is sent at once, alone, as the plain <c>SET key 1 PX ttl NX</c> it always
/// was; reservations that arrive while a call is in flight queue, and whatever queued goes as the next call the moment
/// one answers — one script running <c>SET … NX</c> per key, at most <c>MaxBatch</c> keys a call. No linger: at low
/// load every reservation is a lone <c>SET</c> sent immediately. Each key is still set atomically and exactly once (the
/// script runs each <c>SET NX</c> with <c>redis.pcall</c>, so a key's error fails that key's caller only); a failed
/// call (connection lost, timeout) fails every caller of its batch, each with its own
/// <see cref="NonceStoreUnavailableException"/>, as a failed <c>SET</c> did.
/// </summary>
internal sealed class RedisReservationBatcher
{
    /// <summary>
    /// The batch: <c>KEYS[i]</c> reserved for <c>ARGV[i]</c> milliseconds; the answer is one character per key, in order:
    /// <c>1</c> reserved, <c>0</c> already there, <c>E</c> the <c>SET</c> failed.
    /// </summary>
    internal const string Script = """
        local r = {}
        for i = 1, #KEYS do
          local ok = redis.pcall('SET', KEYS[i], '1', 'PX', ARGV[i], 'NX')
          if type(ok) == 'table' and ok.err then r[i] = 'E' elseif ok then r[i] = '1' else r[i] = '0' end
        end
        return table.concat(r)
        """;

    /// <summary>The value stored, pre-encoded, for a lone <c>SET</c> (the script stores the same <c>1</c>).</summary>
    private static readonly RedisValue Reserved = "1"u8.ToArray();

    private readonly RedisNonceStore _store;
    private readonly IDatabase _database;
    private readonly int _maxBatch;
    private readonly DefaultObjectPool<BatchedRedisReservation> _pool;
    private readonly Lock _gate = new();
    private readonly Stack<RedisReservationCall> _spareCalls = new();
    private RedisReservationCall _queued;
    private int _inFlight;

    /// <summary>Batches the reservations of <paramref name="store"/> through <paramref name="database"/>, at most <paramref name="maxBatch"/> a call.</summary>
    public RedisReservationBatcher(RedisNonceStore store, IDatabase database, int maxBatch)
    {
        _store = store;
        _database = database;
        _maxBatch = maxBatch;
        _pool = new DefaultObjectPool<BatchedRedisReservation>(new Policy(this), maximumRetained: 1024);
        _queued = new RedisReservationCall(this);
    }

    /// <summary>Reserves <paramref name="key"/> for <paramref name="ttl"/>; <paramref name="started"/> times the reservation.</summary>
    public ValueTask<bool> Reserve(RedisKey key, TimeSpan ttl, long started)
    {
        var reservation = _pool.Get();
        var answer = reservation.Start(key, Math.Max(1, (long)ttl.TotalMilliseconds), started);
        RedisReservationCall? send = null;
        lock (_gate)
        {
            _queued.Reservations.Add(reservation);
            if (_inFlight == 0 || _queued.Reservations.Count == _maxBatch)
            {
                send = TakeQueued();
            }
        }

        if (send is not null)
        {
            Send(send);
        }

        return answer;
    }

    /// <summary>Takes back a reservation whose result was read.</summary>
    internal void Return(BatchedRedisReservation reservation) => _pool.Return(reservation);

    /// <summary>
    /// <paramref name="call"/> answered (<paramref name="answer"/>: one character per reservation) or failed
    /// (<paramref name="failure"/>): first sends what queued meanwhile (its round trip overlaps the rest of this one),
    /// then answers every caller — the last on this thread, the others through the thread pool.
    /// </summary>
    internal void Answered(RedisReservationCall call, string? answer, Exception? failure)
    {
        RedisReservationCall? send = null;
        lock (_gate)
        {
            _inFlight--;
            if (_queued.Reservations.Count > 0)
            {
                send = TakeQueued();
            }
        }

        if (send is not null)
        {
            Send(send);
        }

        var reservations = call.Reservations;
        var last = reservations.Count - 1;
        for (var i = 0; i <= last; i++)
        {
            var reservation = reservations[i];
            _store.Answered(reservation.Started);
            var outcome = answer?[i];
            var error = failure is not null ? _store.Failed(failure)
                : outcome == 'E' ? _store.Failed(new RedisException("Redis refused a nonce's SET inside a reservation batch."))
                : null;

            // Not touched after this: its caller may read the result and hand it to another reservation at once.
            reservation.Complete(outcome == '1', error, inline: i == last);
        }

        reservations.Clear();
        lock (_gate)
        {
            _spareCalls.Push(call);
        }
    }

    /// <summary>Under the gate: the queued call, counted in flight, and an empty one in its place.</summary>
    private RedisReservationCall TakeQueued()
    {
        var taken = _queued;
        _queued = _spareCalls.TryPop(out var spare) ? spare : new RedisReservationCall(this);
        _inFlight++;
        return taken;
    }

    private void Send(RedisReservationCall call)
    {
        var reservations = call.Reservations;
        try
        {
            if (reservations.Count == 1)
            {
                var single = reservations[0];
                call.Await(_database.StringSetAsync(single.Key, Reserved, TimeSpan.FromMilliseconds(single.TtlMilliseconds), When.NotExists));
                return;
            }

            var keys = new RedisKey[reservations.Count];
            var ttls = new RedisValue[reservations.Count];
            for (var i = 0; i < keys.Length; i++)
            {
                keys[i] = reservations[i].Key;
                ttls[i] = reservations[i].TtlMilliseconds;
            }

            call.Await(_database.ScriptEvaluateAsync(Script, keys, ttls));
        }
        catch (Exception ex)
        {
            // Not even sent (the multiplexer is disposed): the call fails as one that failed in flight would.
            Answered(call, answer: null, ex);
        }
    }

    private sealed class Policy(RedisReservationBatcher batcher) : IPooledObjectPolicy<BatchedRedisReservation>
    {
        public BatchedRedisReservation Create() => new(batcher);

        public bool Return(BatchedRedisReservation obj) => true;
    }
}
