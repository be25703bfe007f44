using Gateway.Signing.Rfc9421;

namespace Gateway.Client;

/// <summary>Options for <see cref="Rfc9421SigningHandler"/>.</summary>
public sealed record Rfc9421SigningOptions
{
    /// <summary>The HMAC key's access key id, sent as <c>keyid</c>. Required.</summary>
    public required string KeyId { get; init; }

    /// <summary>The HMAC secret exactly as issued; its UTF-8 bytes are the key. Required.</summary>
    public required string Secret { get; init; }

    /// <summary>The signature label; default <c>sig1</c>.</summary>
    public string Label { get; init; } = Rfc9421Constants.DefaultLabel;

    /// <summary>When set, adds <c>expires</c> = <c>created</c> + this; default <see langword="null"/> (no <c>expires</c>).</summary>
    public TimeSpan? Expiry { get; init; }
}
