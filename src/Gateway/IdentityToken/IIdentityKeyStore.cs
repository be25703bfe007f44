namespace Gateway.IdentityToken;

/// <summary>Where the sealed signing-key document lives: a file (embedded mode) or Redis (shared by replicas).</summary>
public interface IIdentityKeyStore
{
    /// <summary>The stored document, or <c>null</c> when none exists yet.</summary>
    Task<string?> ReadAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="document"/> if the stored one is still <paramref name="expected"/> (<c>null</c>: none);
    /// <c>false</c> when another writer (replica) changed it first.
    /// </summary>
    Task<bool> TryReplaceAsync(string? expected, string document, CancellationToken cancellationToken);

    /// <summary>Calls <paramref name="changed"/> when another replica announces a change; a no-op for a local store.</summary>
    Task SubscribeAsync(Action changed);
}
