using System.Runtime.CompilerServices;
using Gateway.Accounts;
using Gateway.Accounts.Secrets;

namespace Gateway.Authentication.Signature;

/// <summary>
/// The unsealed HMAC secrets of the credentials in use, each held by its <see cref="Credential"/> object: the
/// credential cache hands out the same object until the key changes, is invalidated or expires, so an entry lives
/// exactly as long as the cached credential (a changed key is a new object, hence unsealed afresh) and is zeroed
/// when collected. Unsealing (AES-GCM) happens once per cached credential instead of once per request.
/// </summary>
public sealed class SigningSecrets(SecretProtector protector)
{
    private readonly ConditionalWeakTable<Credential, SigningSecret> _secrets = new();

    /// <summary>The credential's unsealed secret; <c>false</c> when it cannot be unsealed (wrong master key, damaged).</summary>
    public bool TryGet(Credential credential, out SigningSecret? secret)
    {
        if (_secrets.TryGetValue(credential, out secret))
        {
            return true;
        }

        return TryUnseal(credential, out secret);
    }

    // Apart from TryGet: the factory's closure over the unsealed bytes would otherwise be allocated on every call,
    // the cached ones included.
    private bool TryUnseal(Credential credential, out SigningSecret? secret)
    {
        if (!protector.TryUnprotect(credential.Key.Id, credential.Key.EncryptedSecret, out var bytes))
        {
            secret = null;
            return false;
        }

        secret = _secrets.GetValue(credential, _ => new SigningSecret(bytes));
        if (!ReferenceEquals(secret.Bytes, bytes))
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(bytes);
        }

        return true;
    }
}
