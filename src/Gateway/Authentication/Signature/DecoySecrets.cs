using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Gateway.Accounts.Secrets;

namespace Gateway.Authentication.Signature;

/// <summary>
/// A sealed stand-in secret per <see cref="SecretProtector"/>, opened when a signed request names an unknown key so
/// that it costs the same AES-GCM decryption as a known key (about a microsecond) and both take the same path.
/// </summary>
public static class DecoySecrets
{
    private const string DecoyKeyId = "ak_0000000000000000";

    private static readonly ConditionalWeakTable<SecretProtector, byte[]> Sealed = new();

    /// <summary>Opens the decoy secret of <paramref name="protector"/> and discards it.</summary>
    public static void Open(SecretProtector protector)
    {
        var sealedSecret = Sealed.GetValue(protector, p => p.Protect(DecoyKeyId, Convert.ToBase64String(RandomNumberGenerator.GetBytes(40))));
        if (protector.TryUnprotect(DecoyKeyId, sealedSecret, out var secret))
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }
}
