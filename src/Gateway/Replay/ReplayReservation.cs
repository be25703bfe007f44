namespace Gateway.Replay;

/// <summary>The replay key a signed request reserved (a request feature), so it can be released for a retry.</summary>
/// <param name="KeyId">The key that signed the request.</param>
/// <param name="ReplayKey">The nonce (RFC 9421) or the signature (SigV4): characters of the credential header.</param>
/// <param name="Scheme">The signature scheme's name (<c>rfc9421</c>, <c>aws-sigv4</c>…).</param>
/// <param name="ReleasableOnRetry">Whether the scheme's clients re-send one signature on a retry (SigV4), so an idempotent request that got no upstream answer is released.</param>
public sealed record ReplayReservation(string KeyId, ReadOnlyMemory<char> ReplayKey, string Scheme, bool ReleasableOnRetry)
{
    /// <summary>
    /// A releasable reservation that the signature authenticator releases itself, after the rest of the pipeline (it
    /// waits around it anyway, <c>SignatureAuthenticator.AuthenticateThenAsync</c>): no per-request feature and no
    /// state machine of the release stage, which only replaces it by <see cref="ReleaseStageReached"/>. Compared by
    /// reference.
    /// </summary>
    public static ReplayReservation ReleasedByAuthentication { get; } = new("", default, "(released by authentication)", false);

    /// <summary>
    /// Set by <see cref="ReplayReleaseMiddleware"/> in place of <see cref="ReleasedByAuthentication"/>: the request
    /// reached the release stage, so the authenticator releases exactly where the stage would have. Compared by reference.
    /// </summary>
    public static ReplayReservation ReleaseStageReached { get; } = new("", default, "(release stage reached)", false);
}
