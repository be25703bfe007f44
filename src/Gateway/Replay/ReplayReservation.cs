namespace Gateway.Replay;

/// <summary>The replay key a signed request reserved (a request feature), so it can be released for a retry.</summary>
/// <param name="KeyId">The key that signed the request.</param>
/// <param name="ReplayKey">The nonce (RFC 9421) or the signature (SigV4).</param>
/// <param name="Scheme"><c>rfc9421</c> or <c>aws-sigv4</c>.</param>
public sealed record ReplayReservation(string KeyId, string ReplayKey, string Scheme);
