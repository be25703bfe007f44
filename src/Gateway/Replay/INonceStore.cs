namespace Gateway.Replay;

/// <summary>
/// Reserves the replay key of a verified signed request, atomically, so the same request is accepted once.
/// Implementations: <see cref="MemoryNonceStore"/> (one node) and <see cref="RedisNonceStore"/> (every replica).
/// </summary>
public interface INonceStore
{
    /// <summary>
    /// <c>true</c> when (<paramref name="keyId"/>, <paramref name="replayKey"/>) was not seen within its lifetime and
    /// is now reserved for <paramref name="ttl"/>; <c>false</c> when it was. Throws
    /// <see cref="NonceStoreUnavailableException"/> when the store cannot answer: callers fail closed.
    /// </summary>
    ValueTask<bool> TryReserveAsync(string keyId, string replayKey, TimeSpan ttl, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="TryReserveAsync(string, string, TimeSpan, CancellationToken)"/> for a replay key held as characters
    /// of a request header (a signed request's nonce or signature): the same reservation, with no string made for it.
    /// </summary>
    ValueTask<bool> TryReserveAsync(string keyId, ReadOnlyMemory<char> replayKey, TimeSpan ttl, CancellationToken cancellationToken);

    /// <summary>
    /// Frees a reservation made by <see cref="TryReserveAsync(string, string, TimeSpan, CancellationToken)"/> so the same signed request is accepted once more
    /// (a retry of an idempotent request whose first attempt got no real upstream answer; see
    /// <see cref="ReplayReleaseMiddleware"/>). Unknown reservations are ignored. Throws
    /// <see cref="NonceStoreUnavailableException"/> when the store cannot answer (the reservation then simply stands).
    /// </summary>
    ValueTask ReleaseAsync(string keyId, string replayKey, CancellationToken cancellationToken);

    /// <summary>A cheap round trip for the readiness check; throws when the store is unreachable.</summary>
    Task PingAsync(CancellationToken cancellationToken);
}
