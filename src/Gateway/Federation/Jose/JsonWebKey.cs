using System.Security.Cryptography;

namespace Gateway.Federation.Jose;

/// <summary>One verification key of an issuer's JWKS: an RSA (2048 bits or more) or an EC P-256 public key.</summary>
/// <param name="KeyId">The <c>kid</c>, or <c>null</c>.</param>
/// <param name="Algorithm">The key's <c>alg</c>, or <c>null</c> when the JWK does not pin one.</param>
/// <param name="Rsa">The RSA public key, for RS256.</param>
/// <param name="EcDsa">The P-256 public key, for ES256.</param>
public sealed record JsonWebKey(string? KeyId, string? Algorithm, RSA? Rsa, ECDsa? EcDsa)
{
    /// <summary>Whether this key may verify a signature made with <paramref name="algorithm"/>.</summary>
    public bool Supports(string algorithm) =>
        (Algorithm is null || string.Equals(Algorithm, algorithm, StringComparison.Ordinal))
        && algorithm switch
        {
            JwsAlgorithms.RS256 => Rsa is not null,
            JwsAlgorithms.ES256 => EcDsa is not null,
            _ => false,
        };
}
