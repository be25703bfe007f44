using Gateway.Accounts.Secrets;
using Gateway.Authentication.Signature.SigV4;

namespace Gateway.Authentication.Signature;

/// <summary>
/// <c>Gateway:Signing</c>: signed requests (RFC 9421 and AWS SigV4) and, inherited from
/// <see cref="MasterKeyRingOptions"/>, HMAC secret encryption.
/// </summary>
public sealed class SigningOptions : MasterKeyRingOptions
{
    /// <summary>How far the signing time may lie from the gateway's clock, either way. Default 5 minutes.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Largest body buffered to verify a digest; larger bodies get 413. Default 10 MiB.</summary>
    public long MaxBodyBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>AWS SigV4 scope settings.</summary>
    public SigV4Options SigV4 { get; set; } = new();
}
