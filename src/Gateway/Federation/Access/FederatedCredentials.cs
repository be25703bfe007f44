using System.Collections.Concurrent;
using Gateway.Accounts;
using Gateway.Accounts.Invalidation;
using Gateway.Errors;
using Gateway.Federation.Policies;
using Gateway.Federation.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gateway.Federation.Access;

/// <summary>
/// Resolves a federated access token to a <see cref="Credential"/> — its account, and a key-like record named after
/// the exchange (<c>fx_…</c>) carrying the policy's CIDRs — with the policy and account cached per policy for
/// <c>Gateway:CredentialCache:EntryLifetime</c>. Entries are dropped by the same invalidations as the credential cache
/// (account changed, disabled or deleted; everything), so a disabled account's tokens stop at once on every replica.
/// A deleted account's policies are removed here when its invalidation arrives (Redis has no cascade).
/// </summary>
public sealed partial class FederatedCredentials : IInvalidationObserver
{
    private const int MaxEntries = 10_000;
    private const int MaxCredentialsPerEntry = 10_000;

    private readonly ITrustPolicyStore _policies;
    private readonly IAccountStore _accounts;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;
    private readonly ILogger<FederatedCredentials> _logger;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _generation;

    /// <summary>Creates the cache.</summary>
    public FederatedCredentials(ITrustPolicyStore policies, IAccountStore accounts, TimeProvider time, IOptions<CredentialCacheOptions> options,
        ILogger<FederatedCredentials> logger)
    {
        _policies = policies;
        _accounts = accounts;
        _time = time;
        _lifetime = options.Value.EntryLifetime;
        _logger = logger;
    }

    /// <summary>
    /// The credential of <paramref name="claims"/>, or <c>null</c> when its policy or account no longer exists (or
    /// the policy belongs to another account). Throws <see cref="StoreUnavailableException"/> when the store cannot answer.
    /// </summary>
    public async ValueTask<Credential?> FindAsync(AccessTokenClaims claims, CancellationToken cancellationToken)
    {
        if (_entries.TryGetValue(claims.PolicyId, out var entry) && _time.GetElapsedTime(entry.LoadedAt) < _lifetime)
        {
            return entry.For(claims);
        }

        var generation = Interlocked.Read(ref _generation);
        var policy = await _policies.GetAsync(claims.PolicyId, cancellationToken);
        var account = policy is null ? null : await _accounts.GetAccountAsync(policy.AccountId, cancellationToken);
        if (policy is null || account is null)
        {
            _entries.TryRemove(claims.PolicyId, out _);
            return null;
        }

        entry = new Entry(policy, account, _time.GetTimestamp());
        if (Interlocked.Read(ref _generation) == generation)
        {
            if (_entries.Count >= MaxEntries)
            {
                _entries.Clear();
            }

            _entries[claims.PolicyId] = entry;
        }

        return entry.For(claims);
    }

    /// <summary>Forgets one policy (deleted here; other replicas hear of it through the account's invalidation).</summary>
    public void ForgetPolicy(string policyId)
    {
        Interlocked.Increment(ref _generation);
        _entries.TryRemove(policyId, out _);
    }

    /// <inheritdoc />
    public void OnInvalidated(CacheInvalidation invalidation)
    {
        switch (invalidation.Kind)
        {
            case InvalidationKind.Account:
                Interlocked.Increment(ref _generation);
                foreach (var (policyId, entry) in _entries)
                {
                    if (entry.Account.Id == invalidation.Id)
                    {
                        _entries.TryRemove(policyId, out _);
                    }
                }

                _ = RemoveOrphanedPoliciesAsync(invalidation.Id);
                break;
            case InvalidationKind.All:
                Interlocked.Increment(ref _generation);
                _entries.Clear();
                break;
        }
    }

    private async Task RemoveOrphanedPoliciesAsync(string accountId)
    {
        try
        {
            await Task.Yield();
            if (await _accounts.GetAccountAsync(accountId, CancellationToken.None) is null)
            {
                var removed = await _policies.DeleteAccountAsync(accountId, CancellationToken.None);
                if (removed > 0)
                {
                    LogPoliciesRemoved(_logger, removed, accountId);
                }
            }
        }
        catch (Exception ex)
        {
            LogCleanupFailed(_logger, ex, accountId);
        }
    }

    private sealed class Entry(TrustPolicy policy, ServiceAccount account, long loadedAt)
    {
        private readonly ConcurrentDictionary<string, Credential> _credentials = new(StringComparer.Ordinal);

        public ServiceAccount Account { get; } = account;

        public long LoadedAt { get; } = loadedAt;

        public Credential? For(AccessTokenClaims claims)
        {
            if (!string.Equals(claims.AccountId, Account.Id, StringComparison.Ordinal))
            {
                return null;
            }

            if (_credentials.TryGetValue(claims.ExchangeId, out var credential))
            {
                return credential;
            }

            // One credential object per exchange, so the principal built for it is cached with it (PrincipalCache).
            credential = new Credential(new ApiKey
            {
                Id = claims.ExchangeId,
                AccountId = Account.Id,
                Kind = KeyKind.Bearer,
                Description = "federated access token (trust policy " + policy.Id + ")",
                Fingerprint = "",
                SecretHash = [],
                AllowedCidrs = policy.AllowedCidrs,
                CreatedAt = policy.CreatedAt,
                ExpiresAt = claims.ExpiresAt,
            }, Account);
            return _credentials.Count >= MaxCredentialsPerEntry ? credential : _credentials.GetOrAdd(claims.ExchangeId, credential);
        }
    }

    [LoggerMessage(EventId = EventIds.Federation.PoliciesRemoved, Level = LogLevel.Information, Message = "Removed {Count} trust policies of deleted service account {AccountId}")]
    private static partial void LogPoliciesRemoved(ILogger logger, int count, string accountId);

    [LoggerMessage(EventId = EventIds.Federation.PolicyCleanupFailed, Level = LogLevel.Warning, Message = "Could not remove the trust policies of service account {AccountId}; they stay unusable while it does not exist")]
    private static partial void LogCleanupFailed(ILogger logger, Exception exception, string accountId);
}
