namespace Gateway.Signing.Rfc9421;

/// <summary>What <see cref="Rfc9421Signer"/> signs: the covered components and the signature parameters.</summary>
public sealed record Rfc9421SigningParameters
{
    /// <summary>The <c>keyid</c> parameter: the access key id. Required.</summary>
    public required string KeyId { get; init; }

    /// <summary>The covered component names in order, e.g. <c>@method</c>, <c>@authority</c>, <c>content-digest</c>. Required.</summary>
    public required IReadOnlyList<string> Components { get; init; }

    /// <summary>The <c>created</c> parameter (serialized as Unix seconds). Required.</summary>
    public required DateTimeOffset Created { get; init; }

    /// <summary>The <c>nonce</c> parameter; <see langword="null"/> (default) omits it. The gateway requires one.</summary>
    public string? Nonce { get; init; }

    /// <summary>The <c>expires</c> parameter; <see langword="null"/> (default) omits it.</summary>
    public DateTimeOffset? Expires { get; init; }

    /// <summary>The signature label; default <c>sig1</c>.</summary>
    public string Label { get; init; } = Rfc9421Constants.DefaultLabel;

    /// <summary>The <c>alg</c> parameter; default <c>hmac-sha256</c>; <see langword="null"/> omits it.</summary>
    public string? Algorithm { get; init; } = Rfc9421Constants.HmacSha256;

    /// <summary>The <c>tag</c> parameter; <see langword="null"/> (default) omits it.</summary>
    public string? Tag { get; init; }
}
