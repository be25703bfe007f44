using System.Text;
using BenchmarkDotNet.Attributes;
using Gateway.Accounts;
using Gateway.Accounts.Secrets;
using Gateway.Accounts.Sqlite;
using Gateway.Accounts.Tokens;

namespace Gateway.Benchmarks;

/// <summary>
/// The per-request work around the verifiers: the credential lookup in the embedded store (every credential-cache
/// miss makes one), the cache's miss and hit as the gateway makes them, the AES-GCM unsealing of an HMAC secret, and
/// the status checks and principal.
/// </summary>
[MemoryDiagnoser]
public class CredentialLookupBenchmarks
{
    private TempDatabase _database = null!;
    private SqliteAccountStore _store = null!;
    private string _keyId = null!;
    private SecretProtector _protector = null!;
    private byte[] _sealed = null!;
    private Gateway.Authentication.CredentialValidator _validator = null!;
    private Credential _credential = null!;
    private CredentialCache _cache = null!;
    private CredentialCache _admittingCache = null!;
    private CredentialCacheDoorkeeper _doorkeeper = null!;
    private string[] _wideIds = null!;
    private int _next;

    /// <summary>Creates a store with one account and one key in a temporary directory.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _database = new TempDatabase();
        _store = new SqliteAccountStore(_database.Path);
        _store.InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
        _protector = new SecretProtector([new MasterKey("bench", BenchmarkData.RandomKey())], "bench");
        var factory = new KeyFactory(new SecretHasher(BenchmarkData.RandomKey()), _protector, TimeProvider.System);
        var now = TimeProvider.System.GetStoreUtcNow();
        var account = new ServiceAccount
        {
            Id = IdGenerator.NewAccountId(),
            Name = "ci-deploy",
            OrgId = "acme",
            Roles = ["executor"],
            AllowedCidrs = [],
            Status = AccountStatus.Active,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var issued = factory.Create(account.Id, new KeySpec(KeyKind.Hmac, null, null, []));
        _store.CreateAccountWithKeyAsync(account, issued.Key, CancellationToken.None).GetAwaiter().GetResult();
        _keyId = issued.Key.Id;
        _sealed = issued.Key.EncryptedSecret;
        _credential = _store.FindCredentialAsync(_keyId, CancellationToken.None).GetAwaiter().GetResult()!;
        var instrumented = new InstrumentedAccountStore(_store, new Gateway.Telemetry.GatewayMetrics(Prometheus.Metrics.NewCustomRegistry()), "sqlite");
        _cache = new CredentialCache(instrumented, new CredentialCacheOptions(), TimeSpan.FromSeconds(60), TimeProvider.System);
        _admittingCache = new CredentialCache(instrumented, new CredentialCacheOptions { Admission = CredentialCacheAdmission.SecondSighting }, TimeSpan.FromSeconds(60), TimeProvider.System);
        _doorkeeper = new CredentialCacheDoorkeeper(new CredentialCacheOptions().MaxEntries);
        _wideIds = Enumerable.Range(0, 1 << 20).Select(_ => IdGenerator.NewKeyId()).ToArray();
        _validator = new Gateway.Authentication.CredentialValidator(new Gateway.Accounts.Roles.RoleRegistry(_store), TimeProvider.System);
        if (!_protector.TryUnprotect(_keyId, _sealed, out var secret) || Encoding.UTF8.GetString(secret) != issued.Secret)
        {
            throw new InvalidOperationException("The sealed secret does not open.");
        }
    }

    /// <summary>Removes the temporary store.</summary>
    [GlobalCleanup]
    public void Cleanup() => _database.Dispose();

    /// <summary><c>SqliteAccountStore.FindCredentialAsync</c>: a JOIN by key id, prepared once on a read connection of the store's own.</summary>
    [Benchmark]
    public Task<Credential?> StoreLookup() => _store.FindCredentialAsync(_keyId, CancellationToken.None);

    /// <summary>
    /// A credential-cache miss as the gateway makes it: <c>CredentialCache.FindAsync</c> over the instrumented store
    /// (metrics) over SQLite, after <c>InvalidateKey</c> dropped the entry (that call is part of the figure).
    /// </summary>
    [Benchmark]
    public ValueTask<Credential?> CacheMiss()
    {
        _cache.InvalidateKey(_keyId);
        return _cache.FindAsync(_keyId, CancellationToken.None);
    }

    /// <summary>
    /// <see cref="CacheMiss"/> under <c>Admission = SecondSighting</c>: the key missed before, so the doorkeeper
    /// admits it and the answer is cached, as in <see cref="CacheMiss"/> (the difference is the doorkeeper's check).
    /// </summary>
    [Benchmark]
    public ValueTask<Credential?> CacheMissSecondSighting()
    {
        _admittingCache.InvalidateKey(_keyId);
        return _admittingCache.FindAsync(_keyId, CancellationToken.None);
    }

    /// <summary>
    /// <c>CredentialCacheDoorkeeper.Admit</c> of a key id from a uniform stream of 1,048,576 ids (a 100,000-entry
    /// cache's doorkeeper: nearly every call is a first sighting, recorded): what a miss that is not admitted adds.
    /// </summary>
    [Benchmark]
    public bool DoorkeeperFirstSighting() => _doorkeeper.Admit(_wideIds[_next++ & ((1 << 20) - 1)]);

    /// <summary>A credential-cache hit: <c>CredentialCache.FindAsync</c> of a cached key.</summary>
    [Benchmark]
    public ValueTask<Credential?> CacheHit() => _cache.FindAsync(_keyId, CancellationToken.None);

    /// <summary><c>SecretProtector.TryUnprotect</c>: a new <c>AesGcm</c> and one decryption.</summary>
    [Benchmark]
    public bool UnsealHmacSecret() => _protector.TryUnprotect(_keyId, _sealed, out _);

    /// <summary><c>CredentialValidator.Check</c> + <c>CreatePrincipal</c> (claims for the account's scopes).</summary>
    [Benchmark]
    public object? CheckAndCreatePrincipal() =>
        _validator.Check(_credential) ?? (object)_validator.CreatePrincipal(_credential, "api-key", "ApiKey");
}
