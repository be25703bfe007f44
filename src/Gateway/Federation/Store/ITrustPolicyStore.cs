using Gateway.Federation.Policies;

namespace Gateway.Federation.Store;

/// <summary>
/// Durable storage of trust policies, beside the account store and in the same mode. Implementations:
/// <see cref="SqliteTrustPolicyStore"/> (embedded) and <see cref="RedisTrustPolicyStore"/> (redis); both pass one
/// contract test suite. Unreachable storage surfaces as <see cref="Errors.StoreUnavailableException"/>.
/// </summary>
public interface ITrustPolicyStore
{
    /// <summary>Creates the table (embedded mode); called before first use, idempotent.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Adds <paramref name="policy"/> unless its account is missing or already has <paramref name="maxPerAccount"/> policies.</summary>
    Task<TrustPolicyCreateResult> CreateAsync(TrustPolicy policy, int maxPerAccount, CancellationToken cancellationToken);

    /// <summary>The policy, or <c>null</c>.</summary>
    Task<TrustPolicy?> GetAsync(string policyId, CancellationToken cancellationToken);

    /// <summary>The account's policies, oldest first.</summary>
    Task<IReadOnlyList<TrustPolicy>> ListByAccountAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>Every policy naming <paramref name="issuer"/>, across accounts.</summary>
    Task<IReadOnlyList<TrustPolicy>> ListByIssuerAsync(string issuer, CancellationToken cancellationToken);

    /// <summary>Removes one policy of the account; <c>false</c> when there was none.</summary>
    Task<bool> DeleteAsync(string accountId, string policyId, CancellationToken cancellationToken);

    /// <summary>Removes every policy of the account (the account was deleted); the number removed.</summary>
    Task<int> DeleteAccountAsync(string accountId, CancellationToken cancellationToken);
}
