using System.Security.Cryptography;
using Gateway.Signing;
using Gateway.Signing.SigV4;

namespace Gateway.Authentication.Signature;

/// <summary>
/// One HMAC key's unsealed secret, kept with its <see cref="Accounts.Credential"/> (see <see cref="SigningSecrets"/>)
/// so that it is unsealed once, not per request; the secret prepared as an HMAC key (<see cref="Key"/>: keyed hash
/// instances reused across requests), and the SigV4 signing key last derived from it, prepared likewise (per date,
/// region and service: one derivation per key and day instead of four HMACs per request). All of them are zeroed when
/// collected, which follows the credential's eviction from the credential cache; no string copy of the secret is kept.
/// </summary>
public sealed class SigningSecret
{
    private DerivedKey? _sigV4;

    /// <summary>Wraps an unsealed secret; the array becomes this entry's.</summary>
    public SigningSecret(byte[] secret)
    {
        Bytes = secret;
        Key = new HmacSha256Key(secret);
    }

    /// <summary>Zeroes the secret (the prepared keys zero themselves when they are collected with this entry).</summary>
    ~SigningSecret()
    {
        CryptographicOperations.ZeroMemory(Bytes);
    }

    /// <summary>The secret (the RFC 9421 HMAC key). Never modify or zero it: concurrent requests share it.</summary>
    public byte[] Bytes { get; }

    /// <summary>The secret prepared as an HMAC-SHA256 key: what RFC 9421 signatures are verified with.</summary>
    public HmacSha256Key Key { get; }

    /// <summary>
    /// The SigV4 signing key for a credential scope (<c>yyyymmdd</c>, region, service), derived on first use of that
    /// scope and prepared as an HMAC-SHA256 key.
    /// </summary>
    public HmacSha256Key SigV4SigningKey(string dateStamp, string region, string service)
    {
        var current = Volatile.Read(ref _sigV4);
        if (current is not null && current.Matches(dateStamp, region, service))
        {
            return current.Key;
        }

        Span<byte> derived = stackalloc byte[HMACSHA256.HashSizeInBytes];
        SigV4Canonicalizer.DeriveSigningKey(Bytes, dateStamp, region, service, derived);
        var next = new DerivedKey(dateStamp, region, service, new HmacSha256Key(derived));
        CryptographicOperations.ZeroMemory(derived);

        // The replaced key is not disposed here (a concurrent request may still be using it): it zeroes itself when
        // collected.
        Volatile.Write(ref _sigV4, next);
        return next.Key;
    }

    private sealed record DerivedKey(string DateStamp, string Region, string Service, HmacSha256Key Key)
    {
        public bool Matches(string dateStamp, string region, string service) =>
            string.Equals(DateStamp, dateStamp, StringComparison.Ordinal)
            && string.Equals(Region, region, StringComparison.Ordinal)
            && string.Equals(Service, service, StringComparison.Ordinal);
    }
}
