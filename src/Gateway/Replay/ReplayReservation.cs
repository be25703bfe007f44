namespace Gateway.Replay;

/// <summary>The replay key a signed request reserved (a request feature), so it can be released for a retry.</summary>
/// <param name="KeyId">The key that signed the request.</param>
/// <param name="ReplayKey">The nonce (RFC 9421) or the signature (SigV4): characters of the credential header.</param>
/// <param name="Scheme">The signature scheme's name (<c>rfc9421</c>, <c>aws-sigv4</c>…).</param>
/// <param name="ReleasableOnRetry">Whether the scheme's clients re-send one signature on a retry (SigV4), so an idempotent request that got no upstream answer is released.</param>
public sealed record ReplayReservation(string KeyId, ReadOnlyMemory<char> ReplayKey, string Scheme, bool ReleasableOnRetry);
