namespace Gateway.Accounts.Secrets;

/// <summary>One AES-256 master key of the ring, named by a short id stored beside every ciphertext it sealed.</summary>
/// <param name="Id">1-32 characters of <c>[A-Za-z0-9._-]</c>.</param>
/// <param name="Key">32 bytes.</param>
public sealed record MasterKey(string Id, byte[] Key);
