namespace Gateway.Client.Signing;

/// <summary>
/// Options for <c>AddGatewaySigning(GatewaySigningOptions)</c>: a scheme chosen by name from
/// <see cref="SigningSchemeRegistry.Default"/>, with its default settings, and the HMAC key.
/// </summary>
public sealed record GatewaySigningOptions
{
    /// <summary>The scheme's name (<see cref="SigningSchemeRegistry.Names"/>); default the first registered, <c>rfc9421</c>.</summary>
    public string? Scheme { get; init; }

    /// <summary>The HMAC key's access key id. Required.</summary>
    public required string KeyId { get; init; }

    /// <summary>The HMAC secret exactly as issued. Required.</summary>
    public required string Secret { get; init; }

    /// <summary>The options without the secret.</summary>
    public override string ToString() => $"GatewaySigningOptions {{ Scheme = {Scheme}, KeyId = {KeyId} }}";
}
