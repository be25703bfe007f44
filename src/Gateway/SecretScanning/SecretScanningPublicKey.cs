namespace Gateway.SecretScanning;

/// <summary>One configured signing key of <c>Gateway:SecretScanning:PublicKeys</c>.</summary>
public sealed class SecretScanningPublicKey
{
    /// <summary>The value GitHub sends in <c>Github-Public-Key-Identifier</c>.</summary>
    public string KeyIdentifier { get; set; } = "";

    /// <summary>The ECDSA P-256 public key, PEM (<c>-----BEGIN PUBLIC KEY-----</c>).</summary>
    public string Key { get; set; } = "";
}
