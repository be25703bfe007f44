namespace Gateway.LoadTests;

/// <summary>How the load generator authenticates a scenario's requests (all through Gateway.Client handlers).</summary>
public enum AuthKind
{
    /// <summary>Plain requests.</summary>
    None,

    /// <summary><c>Authorization: Bearer gwk_…</c>, one token of the credentials file per request, chosen uniformly at random.</summary>
    Bearer,

    /// <summary>RFC 9421 <c>hmac-sha256</c> through <c>Rfc9421SigningHandler</c>: a fresh nonce per request.</summary>
    Rfc9421,

    /// <summary>AWS SigV4 through <c>SigV4SigningHandler</c>; every URL is unique, so every signature is too.</summary>
    SigV4,
}
