using System.Security.Cryptography;
using System.Text;

namespace Gateway.Accounts.Secrets;

/// <summary>
/// Encrypts HMAC secrets at rest with AES-256-GCM under a ring of master keys. New secrets are sealed with the
/// active key; any key of the ring opens what it sealed, so the active key can be rotated without re-issuing keys.
/// The key id (<c>ak_…</c>) is bound as associated data: a ciphertext copied onto another key record fails to open.
/// Layout: version (1) | master key id length (1) | master key id | nonce (12) | tag (16) | ciphertext.
/// </summary>
public sealed class SecretProtector
{
    private const byte Version = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly MasterKey _active;
    private readonly Dictionary<string, MasterKey> _ring;

    /// <summary>Creates a protector sealing with <paramref name="activeId"/>; every key of <paramref name="ring"/> can open.</summary>
    public SecretProtector(IReadOnlyList<MasterKey> ring, string activeId)
    {
        _ring = ring.ToDictionary(k => k.Id, StringComparer.Ordinal);
        if (!_ring.TryGetValue(activeId, out var active))
        {
            throw new ArgumentException($"The active master key '{activeId}' is not in the ring.", nameof(activeId));
        }

        if (ring.Any(k => k.Key.Length != 32 || k.Id.Length is 0 or > 32))
        {
            throw new ArgumentException("Master keys must be 32 bytes with an id of 1-32 characters.", nameof(ring));
        }

        _active = active;
    }

    /// <summary>Id of the master key new secrets are sealed with.</summary>
    public string ActiveKeyId => _active.Id;

    /// <summary>Seals <paramref name="secret"/> for the key <paramref name="keyId"/>.</summary>
    public byte[] Protect(string keyId, string secret)
    {
        var plaintext = Encoding.UTF8.GetBytes(secret);
        var id = Encoding.ASCII.GetBytes(_active.Id);
        var output = new byte[2 + id.Length + NonceSize + TagSize + plaintext.Length];
        output[0] = Version;
        output[1] = (byte)id.Length;
        id.CopyTo(output, 2);
        var offset = 2 + id.Length;
        var nonce = output.AsSpan(offset, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_active.Key, TagSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(offset + NonceSize + TagSize), output.AsSpan(offset + NonceSize, TagSize),
            Encoding.ASCII.GetBytes(keyId));
        CryptographicOperations.ZeroMemory(plaintext);
        return output;
    }

    /// <summary>Opens a sealed secret of <paramref name="keyId"/>; <c>false</c> when it was tampered with or its master key is gone.</summary>
    public bool TryUnprotect(string keyId, ReadOnlySpan<byte> sealedSecret, out byte[] secret)
    {
        secret = [];
        if (sealedSecret.Length < 2 + 1 + NonceSize + TagSize || sealedSecret[0] != Version)
        {
            return false;
        }

        var idLength = sealedSecret[1];
        var offset = 2 + idLength;
        if (idLength == 0 || sealedSecret.Length < offset + NonceSize + TagSize
            || !_ring.TryGetValue(Encoding.ASCII.GetString(sealedSecret.Slice(2, idLength)), out var master))
        {
            return false;
        }

        var ciphertext = sealedSecret[(offset + NonceSize + TagSize)..];
        var plaintext = new byte[ciphertext.Length];
        using var aes = new AesGcm(master.Key, TagSize);
        try
        {
            aes.Decrypt(sealedSecret.Slice(offset, NonceSize), ciphertext, sealedSecret.Slice(offset + NonceSize, TagSize), plaintext,
                Encoding.ASCII.GetBytes(keyId));
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }

        secret = plaintext;
        return true;
    }
}
