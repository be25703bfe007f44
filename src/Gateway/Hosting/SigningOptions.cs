namespace Gateway.Hosting;

/// <summary><c>Gateway:Signing</c>: signed requests (RFC 9421 and AWS SigV4) and HMAC secret encryption.</summary>
public sealed class SigningOptions
{
    /// <summary>How far the signing time may lie from the gateway's clock, either way. Default 5 minutes.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Largest body buffered to verify a digest; larger bodies get 413. Default 10 MiB.</summary>
    public long MaxBodyBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>AWS SigV4 scope settings.</summary>
    public SigV4Options SigV4 { get; set; } = new();

    /// <summary>
    /// The master key ring for HMAC secrets at rest: entries with <c>Id</c> and <c>Key</c> (base64 of 32 bytes).
    /// Empty (default): the embedded mode creates <c>master.key</c> (mode 0600) in the data directory.
    /// </summary>
    public List<MasterKeyOptions> MasterKeys { get; set; } = [];

    /// <summary>Id of the master key new secrets are sealed with. Default: the last entry of <see cref="MasterKeys"/>.</summary>
    public string? ActiveMasterKey { get; set; }
}
