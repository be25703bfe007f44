using BenchmarkDotNet.Attributes;
using Gateway.Audit;

namespace Gateway.Benchmarks;

/// <summary>
/// The request thread's share of per-key usage (<see cref="KeyUsageCounters.Record"/>) and the flushing thread's
/// (<see cref="KeyUsageCounters.Drain"/>), for one usage interval's requests: <c>Wide</c> like <c>bearer-1m</c> (every
/// request a key not used in the interval: 20,000 requests over 200,000 keys), <c>Narrow</c> like <c>bearer</c> (20,000
/// requests rotating over 1,000 keys). Reported per request; steady state (the same intervals over and over).
/// </summary>
[MemoryDiagnoser]
public class KeyUsageCountersBenchmarks
{
    private const int RequestsPerInterval = 20_000;

    private readonly KeyUsageCounters _counters = new();
    private string[] _keys = null!;
    private int _next;

    /// <summary>How many keys the stream rotates over.</summary>
    [Params(1_000, 200_000)]
    public int Keys { get; set; }

    /// <summary>Makes the keys (strings that live as long as the benchmark, like cached credentials' ids).</summary>
    [GlobalSetup]
    public void Setup()
    {
        _keys = Enumerable.Range(0, Keys).Select(_ => Gateway.Accounts.IdGenerator.NewKeyId()).ToArray();
        Interval();
    }

    /// <summary>One interval: its requests recorded, then drained.</summary>
    [Benchmark(OperationsPerInvoke = RequestsPerInterval)]
    public int Interval()
    {
        var at = DateTimeOffset.UtcNow;
        for (var i = 0; i < RequestsPerInterval; i++)
        {
            _counters.Record(_keys[_next], denied: (i & 63) == 0, at);
            _next = _next + 1 == _keys.Length ? 0 : _next + 1;
        }

        return _counters.Drain().Count;
    }
}
