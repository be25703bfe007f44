using BenchmarkDotNet.Attributes;
using Gateway.Accounts.Sqlite;
using Gateway.Audit;
using Gateway.Audit.Sqlite;

namespace Gateway.Benchmarks;

/// <summary>
/// The keys' usage that goes with a request-audit flush: <c>SqliteAuditStore.AppendRequestsAsync</c> with no events and
/// 1,000 keys used since the last usage write, reported per key — one upsert of the key's per-minute
/// <c>key_usage</c> row each, and one of its last use that changes nothing (a key's last use is raised at most once a
/// minute, so after the first write the row stays, as under load). Set against <see cref="AuditBatchBenchmarks"/>' cost per event, it says what a
/// usage write adds to a flush: under the <c>bearer</c> load (1,000 tokens in rotation) each write carries most of them.
/// </summary>
[MemoryDiagnoser]
public class AuditUsageBenchmarks
{
    private TempDatabase _database = null!;
    private SqliteAuditStore _store = null!;
    private string[] _keys = null!;
    private long _ms;

    /// <summary>Keys used since the previous usage write (the <c>bearer</c> scenario's tokens).</summary>
    private const int Keys = 1000;

    /// <summary>Creates the store and writes one minute of usage, so the rows exist as they do after the first write.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _database = new TempDatabase();
        var path = _database.Path;
        new SqliteAccountStore(path).InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
        _store = new SqliteAuditStore(path);
        _keys = Enumerable.Range(0, Keys).Select(_ => Gateway.Accounts.IdGenerator.NewKeyId()).ToArray();
        _ms = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Write().GetAwaiter().GetResult();
    }

    /// <summary>Removes the temporary store.</summary>
    [GlobalCleanup]
    public void Cleanup() => _database.Dispose();

    /// <summary>One usage write of every key (a few requests each), reported per key.</summary>
    [Benchmark(OperationsPerInvoke = Keys)]
    public Task<bool> Write()
    {
        var usage = new List<KeyUsage>(_keys.Length);
        var at = DateTimeOffset.FromUnixTimeMilliseconds(_ms);
        foreach (var key in _keys)
        {
            usage.Add(new KeyUsage(key, 3, 0, at));
        }

        return _store.AppendRequestsAsync([], usage, CancellationToken.None);
    }
}
