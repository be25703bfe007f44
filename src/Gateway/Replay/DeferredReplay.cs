namespace Gateway.Replay;

/// <summary>
/// A verified signed request whose nonce is not reserved yet (a request feature): the rate limiter reserves it in the
/// same Redis script that charges the limits, so the request costs one round trip (docs/RATE-LIMITS.md). Until that
/// stage runs the request is not admitted.
/// </summary>
/// <param name="KeyId">The key that signed the request.</param>
/// <param name="ReplayKey">The nonce (RFC 9421) or the signature (SigV4).</param>
/// <param name="Scheme"><c>rfc9421</c> or <c>aws-sigv4</c>.</param>
/// <param name="Ttl">How long the reservation is held.</param>
public sealed record DeferredReplay(string KeyId, string ReplayKey, string Scheme, TimeSpan Ttl);
