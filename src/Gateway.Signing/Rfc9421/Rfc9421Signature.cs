namespace Gateway.Signing.Rfc9421;

/// <summary>
/// One parsed RFC 9421 signature (a <c>Signature-Input</c> member and its <c>Signature</c> value). When
/// <see cref="Error"/> is not <see cref="Rfc9421Error.None"/> only <see cref="Label"/> is meaningful.
/// Absent parameters are <see langword="null"/>; the server applies its own policy (required components,
/// <c>created</c>/<c>nonce</c> presence, freshness) before calling <see cref="Rfc9421Verifier"/>.
/// </summary>
public sealed class Rfc9421Signature
{
    private readonly byte[] _signature;
    private readonly string _parametersSource;
    private readonly int _parametersStart;
    private readonly int _parametersLength;
    private string? _parameters;
    // Where the nonce and keyid values lie in _parametersSource (start -1: absent, or held as a string below); a
    // string is made only when asked for. Four ints rather than two nullable memories: a smaller object per request.
    private readonly int _nonceStart = -1;
    private readonly int _nonceLength;
    private readonly int _keyIdStart = -1;
    private readonly int _keyIdLength;
    private string? _nonce;
    private string? _keyId;

    internal Rfc9421Signature(
        string label,
        IReadOnlyList<SignatureComponent> components,
        string signatureParameters,
        byte[] signature,
        long? created,
        long? expires,
        string? nonce,
        string? keyId,
        string? algorithm,
        string? tag)
        : this(label, components, signatureParameters, 0, signatureParameters.Length, signature, created, expires,
            null, null, algorithm, tag)
    {
        _parameters = signatureParameters;
        _nonce = nonce;
        _keyId = keyId;
    }

    /// <summary>
    /// A signature whose <c>@signature-params</c> value is <paramref name="parametersLength"/> characters of
    /// <paramref name="parametersSource"/> (the <c>Signature-Input</c> header) from <paramref name="parametersStart"/>:
    /// verification reads it there, and the string is only made if <see cref="SignatureParameters"/> is asked for.
    /// The <c>nonce</c> and <c>keyid</c> values are ranges of the same header (<c>null</c>: absent), made strings
    /// only if <see cref="Nonce"/> or <see cref="KeyId"/> is asked for.
    /// </summary>
    internal Rfc9421Signature(
        string label,
        IReadOnlyList<SignatureComponent> components,
        string parametersSource,
        int parametersStart,
        int parametersLength,
        byte[] signature,
        long? created,
        long? expires,
        Range? nonce,
        Range? keyId,
        string? algorithm,
        string? tag)
    {
        Label = label;
        Components = components;
        _parametersSource = parametersSource;
        _parametersStart = parametersStart;
        _parametersLength = parametersLength;
        _signature = signature;
        Created = created;
        Expires = expires;
        if (nonce is { } nonceRange)
        {
            (_nonceStart, _nonceLength) = nonceRange.GetOffsetAndLength(parametersSource.Length);
        }

        if (keyId is { } keyIdRange)
        {
            (_keyIdStart, _keyIdLength) = keyIdRange.GetOffsetAndLength(parametersSource.Length);
        }
        Algorithm = algorithm;
        Tag = tag;
    }

    private Rfc9421Signature(string label, Rfc9421Error error)
        : this(label, [], string.Empty, [], null, null, null, null, null, null)
    {
        Error = error;
    }

    /// <summary>The signature label (the dictionary key), e.g. <c>sig1</c>.</summary>
    public string Label { get; }

    /// <summary><see cref="Rfc9421Error.None"/> when this signature parsed correctly; otherwise why not.</summary>
    public Rfc9421Error Error { get; }

    /// <summary>True when <see cref="Error"/> is <see cref="Rfc9421Error.None"/>.</summary>
    public bool IsValid => Error == Rfc9421Error.None;

    /// <summary>The covered components in order.</summary>
    public IReadOnlyList<SignatureComponent> Components { get; }

    /// <summary>The <c>@signature-params</c> value: the inner list exactly as received in <c>Signature-Input</c>.</summary>
    public string SignatureParameters => _parameters ??= SignatureParametersSpan.ToString();

    /// <summary>The <c>@signature-params</c> value as characters of the received header (no string made).</summary>
    public ReadOnlySpan<char> SignatureParametersSpan => _parametersSource.AsSpan(_parametersStart, _parametersLength);

    /// <summary>The signature bytes from the <c>Signature</c> header.</summary>
    public ReadOnlySpan<byte> SignatureBytes => _signature;

    /// <summary>The <c>created</c> parameter in Unix seconds, or <see langword="null"/> when absent.</summary>
    public long? Created { get; }

    /// <summary>The <c>expires</c> parameter in Unix seconds, or <see langword="null"/> when absent.</summary>
    public long? Expires { get; }

    /// <summary><see cref="Created"/> as a UTC time, or <see langword="null"/> when absent.</summary>
    public DateTimeOffset? CreatedAt => Created is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    /// <summary><see cref="Expires"/> as a UTC time, or <see langword="null"/> when absent.</summary>
    public DateTimeOffset? ExpiresAt => Expires is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    /// <summary>The <c>nonce</c> parameter, or <see langword="null"/> when absent.</summary>
    public string? Nonce => _nonce ??= _nonceStart < 0 ? null : _parametersSource.Substring(_nonceStart, _nonceLength);

    /// <summary>The <c>keyid</c> parameter (the access key id), or <see langword="null"/> when absent.</summary>
    public string? KeyId => _keyId ??= _keyIdStart < 0 ? null : _parametersSource.Substring(_keyIdStart, _keyIdLength);

    /// <summary>The <c>nonce</c> parameter's characters (empty when absent): no string is made for them.</summary>
    public ReadOnlyMemory<char> NonceMemory =>
        _nonceStart >= 0 ? _parametersSource.AsMemory(_nonceStart, _nonceLength) : _nonce.AsMemory();

    /// <summary>The <c>keyid</c> parameter's characters (empty when absent): no string is made for them.</summary>
    public ReadOnlyMemory<char> KeyIdMemory =>
        _keyIdStart >= 0 ? _parametersSource.AsMemory(_keyIdStart, _keyIdLength) : _keyId.AsMemory();

    /// <summary>The <c>alg</c> parameter (<c>hmac-sha256</c> when present), or <see langword="null"/> when absent.</summary>
    public string? Algorithm { get; }

    /// <summary>The <c>tag</c> parameter, or <see langword="null"/> when absent.</summary>
    public string? Tag { get; }

    /// <summary>True when the component named <paramref name="name"/> is covered.</summary>
    public bool Covers(string name)
    {
        for (var i = 0; i < Components.Count; i++)
        {
            if (string.Equals(Components[i].Name, name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    internal static Rfc9421Signature Invalid(string label, Rfc9421Error error) => new(label, error);
}
