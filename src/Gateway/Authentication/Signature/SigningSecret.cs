using System.Security.Cryptography;
using System.Text;
using Gateway.Signing.SigV4;

namespace Gateway.Authentication.Signature;

/// <summary>
/// One HMAC key's unsealed secret, kept with its <see cref="Accounts.Credential"/> (see <see cref="SigningSecrets"/>)
/// so that it is unsealed once, not per request, and the SigV4 signing key last derived from it (per date, region and
/// service: one derivation per key and day instead of four HMACs per request). Both are zeroed when the entry is
/// collected, which follows the credential's eviction from the credential cache.
/// </summary>
public sealed class SigningSecret
{
    private readonly string _secretText;
    private DerivedKey? _sigV4;

    /// <summary>Wraps an unsealed secret; the array becomes this entry's.</summary>
    public SigningSecret(byte[] secret)
    {
        Bytes = secret;
        _secretText = Encoding.UTF8.GetString(secret);
    }

    /// <summary>Zeroes the secret and the derived key.</summary>
    ~SigningSecret()
    {
        CryptographicOperations.ZeroMemory(Bytes);
    }

    /// <summary>The secret (the RFC 9421 HMAC key). Never modify or zero it: concurrent requests share it.</summary>
    public byte[] Bytes { get; }

    /// <summary>The SigV4 signing key for a credential scope (<c>yyyymmdd</c>, region, service), derived on first use of that scope.</summary>
    public ReadOnlySpan<byte> SigV4SigningKey(string dateStamp, string region, string service)
    {
        var current = Volatile.Read(ref _sigV4);
        if (current is not null && current.Matches(dateStamp, region, service))
        {
            return current.Key;
        }

        var derived = new DerivedKey(dateStamp, region, service, new byte[HMACSHA256.HashSizeInBytes]);
        SigV4Canonicalizer.DeriveSigningKey(_secretText, dateStamp, region, service, derived.Key);
        Volatile.Write(ref _sigV4, derived);
        return derived.Key;
    }

    private sealed record DerivedKey(string DateStamp, string Region, string Service, byte[] Key)
    {
        ~DerivedKey()
        {
            CryptographicOperations.ZeroMemory(Key);
        }

        public bool Matches(string dateStamp, string region, string service) =>
            string.Equals(DateStamp, dateStamp, StringComparison.Ordinal)
            && string.Equals(Region, region, StringComparison.Ordinal)
            && string.Equals(Service, service, StringComparison.Ordinal);
    }
}
