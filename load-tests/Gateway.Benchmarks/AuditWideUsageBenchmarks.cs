using BenchmarkDotNet.Attributes;
using Gateway.Accounts.Sqlite;
using Gateway.Audit;
using Gateway.Audit.Sqlite;
using Microsoft.Data.Sqlite;

namespace Gateway.Benchmarks;

/// <summary>
/// The keys' usage write of a flush under a uniform key stream over a big store (the <c>bearer-1m</c> scenario): a store
/// of 200,000 keys, and each write carries 5,000 keys drawn at random, every one used for the first time in over a
/// minute — so each adds a new per-minute usage row and, once its minute is folded, raises the key's last use, as under
/// that load (a key returns every ~30-80 s). Each write's minute is folded into the keys' last use right after it (the
/// audit writer's fold, schema 8: here once per write, as each write is a minute of its own). Reported per key: the
/// SQLite work, the pages it dirties in the WAL and the checkpoints that copy them back included (what
/// <see cref="AuditUsageBenchmarks"/>, with 1,000 keys whose rows stay hot, does not see).
/// </summary>
[MemoryDiagnoser]
public class AuditWideUsageBenchmarks
{
    private const int StoreKeys = 200_000;
    private const int KeysPerWrite = 5_000;

    private TempDatabase _database = null!;
    private SqliteAuditStore _store = null!;
    private string[] _keys = null!;
    private Random _random = null!;
    private long _ms;

    /// <summary>Creates the store with <see cref="StoreKeys"/> keys (one account) and one usage write behind it.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _database = new TempDatabase();
        var path = _database.Path;
        new SqliteAccountStore(path).InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
        _keys = Enumerable.Range(0, StoreKeys).Select(_ => Gateway.Accounts.IdGenerator.NewKeyId()).ToArray();
        Seed(path, _keys);
        _store = new SqliteAuditStore(path);
        _random = new Random(1_000_000);
        _ms = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Write().GetAwaiter().GetResult();
    }

    /// <summary>Removes the temporary store.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        _database.Dispose();
    }

    /// <summary>
    /// One usage write of <see cref="KeysPerWrite"/> random keys, a minute after the previous one, and the fold of its
    /// minute; reported per key.
    /// </summary>
    [Benchmark(OperationsPerInvoke = KeysPerWrite)]
    public async Task<bool> Write()
    {
        _ms += 61_000;
        var at = DateTimeOffset.FromUnixTimeMilliseconds(_ms);
        var usage = new List<KeyUsage>(KeysPerWrite);
        var seen = new HashSet<string>(KeysPerWrite, StringComparer.Ordinal);
        while (usage.Count < KeysPerWrite)
        {
            var key = _keys[_random.Next(_keys.Length)];
            if (seen.Add(key))
            {
                usage.Add(new KeyUsage(key, 1, 0, at));
            }
        }

        var written = await _store.AppendRequestsAsync([], usage, CancellationToken.None);
        while (await _store.FoldUsageAsync(at.AddMinutes(1), 4096, CancellationToken.None))
        {
        }

        return written;
    }

    // Rows shaped like issued keys: a fingerprint, a 32-byte hash and a sealed secret of about 60 bytes.
    private static void Seed(string path, string[] keys)
    {
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using (var account = connection.CreateCommand())
        {
            account.CommandText = """
                INSERT INTO accounts (id, org_id, name, roles, allowed_cidrs, status, created_at, updated_at)
                VALUES ('sa_bench', 'acme', 'bench', 'executor', '', 0, 1, 1);
                """;
            account.ExecuteNonQuery();
        }

        using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO api_keys (id, account_id, kind, fingerprint, secret_hash, encrypted_secret, allowed_cidrs, created_at)
            VALUES ($id, 'sa_bench', 0, $fingerprint, randomblob(32), randomblob(60), '', 1);
            """;
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        var fingerprint = insert.Parameters.Add("$fingerprint", SqliteType.Text);
        foreach (var key in keys)
        {
            id.Value = key;
            fingerprint.Value = "gwk_" + key[^8..];
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
    }
}
