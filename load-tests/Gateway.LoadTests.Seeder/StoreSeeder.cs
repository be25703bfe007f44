using System.Diagnostics;
using Gateway.Accounts;
using Gateway.Accounts.Sqlite;

namespace Gateway.LoadTests.Seeder;

/// <summary>
/// Fills a gateway data directory with service accounts and keys minted by the gateway's own <see cref="KeyFactory"/>
/// (so tokens are hashed under the configured hash key and HMAC secrets sealed under the data directory's master
/// key), and returns a sample of the credentials for the load generator.
/// </summary>
public sealed class StoreSeeder(KeyFactory keys, TimeProvider time)
{
    /// <summary>Organisation of every seeded account.</summary>
    public const string OrgId = "bench";

    private static readonly KeySpec BearerSpec = new(KeyKind.Bearer, "load test", null, []);
    private static readonly KeySpec HmacSpec = new(KeyKind.Hmac, "load test", null, []);

    /// <summary>Seeds <paramref name="databasePath"/> (created and migrated by <see cref="SqliteAccountStore"/>).</summary>
    public async Task<IReadOnlyList<SeedCredential>> SeedAsync(string databasePath, SeedOptions options, TextWriter log)
    {
        var store = new SqliteAccountStore(databasePath);
        await store.InitializeAsync(CancellationToken.None);

        var clock = Stopwatch.StartNew();
        var sampled = new List<SeedCredential>();
        var sampleEvery = Math.Max(1, options.BearerKeys / Math.Max(1, options.Sample));
        var perAccount = Math.Max(1, options.KeysPerAccount);
        var batch = Math.Max(perAccount, options.BatchSize / perAccount * perAccount);
        var generated = new IssuedKey[batch];
        var accountNumber = 0;
        using var inserter = new BulkInserter(databasePath);

        for (var start = 0; start < options.BearerKeys; start += batch)
        {
            var count = Math.Min(batch, options.BearerKeys - start);
            var accounts = new ServiceAccount[(count + perAccount - 1) / perAccount];
            for (var a = 0; a < accounts.Length; a++)
            {
                accounts[a] = NewAccount(++accountNumber);
            }

            // Minting is CPU-bound (random, SHA-256, HMAC): spread it over the cores, insert on one thread.
            Parallel.For(0, count, i => generated[i] = keys.Create(accounts[i / perAccount].Id, BearerSpec));

            inserter.Begin();
            foreach (var account in accounts)
            {
                inserter.Add(account);
            }

            for (var i = 0; i < count; i++)
            {
                inserter.Add(generated[i].Key);
                if ((start + i) % sampleEvery == 0 && sampled.Count < options.Sample)
                {
                    sampled.Add(new SeedCredential("bearer", generated[i].Key.Id, generated[i].Secret));
                }
            }

            inserter.Commit();
            log.WriteLine($"seed: {start + count:N0}/{options.BearerKeys:N0} bearer keys ({clock.Elapsed.TotalSeconds:F1} s)");
        }

        if (options.HmacKeys > 0)
        {
            var signer = NewAccount(++accountNumber);
            inserter.Begin();
            inserter.Add(signer);
            for (var i = 0; i < options.HmacKeys; i++)
            {
                var issued = keys.Create(signer.Id, HmacSpec);
                inserter.Add(issued.Key);
                sampled.Add(new SeedCredential("hmac", issued.Key.Id, issued.Secret));
            }

            inserter.Commit();
        }

        inserter.Analyze();
        log.WriteLine($"seed: {accountNumber:N0} accounts, {options.BearerKeys:N0} bearer and {options.HmacKeys} HMAC keys in {clock.Elapsed.TotalSeconds:F1} s");
        return sampled;
    }

    private ServiceAccount NewAccount(int number)
    {
        var now = time.GetStoreUtcNow();
        return new ServiceAccount
        {
            Id = IdGenerator.NewAccountId(),
            Name = $"bench-{number:D7}",
            OrgId = OrgId,
            Roles = ["executor"],
            AllowedCidrs = [],
            Status = AccountStatus.Active,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }
}
