namespace Gateway.Federation.Jose;

/// <summary>
/// The JWS algorithms accepted on id_tokens: RS256 and ES256. <c>none</c>, every HMAC algorithm (HS*) and anything
/// else is refused before a key is looked at, so a public key can never be used as an HMAC secret.
/// </summary>
public static class JwsAlgorithms
{
    /// <summary>RSASSA-PKCS1-v1_5 with SHA-256.</summary>
    public const string RS256 = "RS256";

    /// <summary>ECDSA on P-256 with SHA-256.</summary>
    public const string ES256 = "ES256";

    /// <summary>Whether <paramref name="algorithm"/> is accepted.</summary>
    public static bool IsAllowed(string algorithm) => algorithm is RS256 or ES256;
}
