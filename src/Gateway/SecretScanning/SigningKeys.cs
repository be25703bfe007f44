using System.Security.Cryptography;

namespace Gateway.SecretScanning;

/// <summary>Imports GitHub's signing keys and checks report signatures: ECDSA P-256 with SHA-256, DER, base64.</summary>
public static class SigningKeys
{
    /// <summary>The key in <paramref name="pem"/> when it is an ECDSA P-256 public key; <c>null</c> otherwise.</summary>
    public static ECDsa? TryImport(string? pem)
    {
        if (string.IsNullOrWhiteSpace(pem) || pem.Length > 8192)
        {
            return null;
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            var curve = key.ExportParameters(false).Curve;
            if (curve.IsNamed && curve.Oid.Value == ECCurve.NamedCurves.nistP256.Oid.Value)
            {
                return key;
            }
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            // Not a usable key: refused below.
        }

        key.Dispose();
        return null;
    }

    /// <summary>Whether <paramref name="signatureBase64"/> is <paramref name="key"/>'s signature over <paramref name="body"/>.</summary>
    public static bool Verify(ECDsa key, ReadOnlySpan<byte> body, string signatureBase64)
    {
        if (signatureBase64.Length is 0 or > 512)
        {
            return false;
        }

        Span<byte> signature = stackalloc byte[384];
        if (!Convert.TryFromBase64String(signatureBase64, signature, out var length))
        {
            return false;
        }

        try
        {
            return key.VerifyData(body, signature[..length], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
