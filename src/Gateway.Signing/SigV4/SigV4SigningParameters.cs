namespace Gateway.Signing.SigV4;

/// <summary>What <see cref="SigV4Signer"/> needs to sign a request.</summary>
public sealed record SigV4SigningParameters
{
    /// <summary>The access key id. Required.</summary>
    public required string AccessKeyId { get; init; }

    /// <summary>The secret string exactly as issued. Required.</summary>
    public required string Secret { get; init; }

    /// <summary>The region of the credential scope; default <c>us-east-1</c>.</summary>
    public string Region { get; init; } = SigV4Constants.DefaultRegion;

    /// <summary>The service of the credential scope; default <c>gateway</c>.</summary>
    public string Service { get; init; } = SigV4Constants.DefaultService;

    /// <summary>
    /// The headers to sign (any case; they are lowercased, sorted and de-duplicated). Default <see langword="null"/>:
    /// <c>host</c>, <c>x-amz-date</c>, and <c>x-amz-content-sha256</c> / <c>x-amz-security-token</c> when present.
    /// </summary>
    public IReadOnlyList<string>? SignedHeaders { get; init; }

    /// <summary>How the canonical URI is derived; default <see cref="SigV4PathMode.Normalized"/>.</summary>
    public SigV4PathMode PathMode { get; init; } = SigV4PathMode.Normalized;
}
