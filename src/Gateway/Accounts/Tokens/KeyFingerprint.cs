using System.Security.Cryptography;
using System.Text;

namespace Gateway.Accounts.Tokens;

/// <summary>
/// The displayable fingerprint of an issued secret: <c>SHA256:</c> and the unpadded base64 of its SHA-256, like SSH.
/// A holder can compute it locally (<c>printf %s "$TOKEN" | sha256sum</c>) to find which listed key they hold; it
/// reveals nothing usable about a 256-bit secret.
/// </summary>
public static class KeyFingerprint
{
    /// <summary>The fingerprint of <paramref name="secret"/>.</summary>
    public static string Compute(string secret)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        return "SHA256:" + Convert.ToBase64String(hash).TrimEnd('=');
    }
}
