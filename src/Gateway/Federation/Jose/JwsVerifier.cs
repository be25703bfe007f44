using System.Security.Cryptography;

namespace Gateway.Federation.Jose;

/// <summary>Checks a <see cref="CompactJws"/> signature with one public key (RS256 or ES256 only).</summary>
public static class JwsVerifier
{
    /// <summary><c>true</c> when <paramref name="jws"/> is signed by <paramref name="key"/> with an accepted algorithm.</summary>
    public static bool Verify(CompactJws jws, JsonWebKey key)
    {
        if (!JwsAlgorithms.IsAllowed(jws.Algorithm) || !key.Supports(jws.Algorithm))
        {
            return false;
        }

        try
        {
            return jws.Algorithm switch
            {
                JwsAlgorithms.RS256 => key.Rsa!.VerifyData(jws.SigningInput, jws.Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
                JwsAlgorithms.ES256 => jws.Signature.Length == 64
                    && key.EcDsa!.VerifyData(jws.SigningInput, jws.Signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
                _ => false,
            };
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
