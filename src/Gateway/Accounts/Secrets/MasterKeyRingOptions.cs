namespace Gateway.Accounts.Secrets;

/// <summary>
/// The master key ring of <c>Gateway:Signing</c> (<c>MasterKeys</c>, <c>ActiveMasterKey</c>): the keys HMAC secrets are
/// sealed with at rest. The signature scheme's <c>SigningOptions</c> extends it, so the keys stay under one section.
/// </summary>
public class MasterKeyRingOptions
{
    /// <summary>The configuration section the ring is read from.</summary>
    public const string SectionName = "Gateway:Signing";

    /// <summary>
    /// The master key ring for HMAC secrets at rest: entries with <c>Id</c> and <c>Key</c> (base64 of 32 bytes).
    /// Empty (default): the embedded mode creates <c>master.key</c> (mode 0600) in the data directory.
    /// </summary>
    public List<MasterKeyOptions> MasterKeys { get; set; } = [];

    /// <summary>Id of the master key new secrets are sealed with. Default: the last entry of <see cref="MasterKeys"/>.</summary>
    public string? ActiveMasterKey { get; set; }
}
