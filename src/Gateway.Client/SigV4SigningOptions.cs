using Gateway.Signing.SigV4;

namespace Gateway.Client;

/// <summary>Options for <see cref="SigV4SigningHandler"/>.</summary>
public sealed record SigV4SigningOptions
{
    /// <summary>The HMAC key's access key id. Required.</summary>
    public required string AccessKeyId { get; init; }

    /// <summary>The HMAC secret exactly as issued. Required.</summary>
    public required string Secret { get; init; }

    /// <summary>The credential scope region; default <c>us-east-1</c>.</summary>
    public string Region { get; init; } = SigV4Constants.DefaultRegion;

    /// <summary>The credential scope service; default <c>gateway</c>.</summary>
    public string Service { get; init; } = SigV4Constants.DefaultService;
}
