namespace Gateway.Authentication.Signature;

/// <summary>What <see cref="ISignatureScheme.Parse"/> found: not this scheme, a failure, or a credential to look up.</summary>
public readonly struct SignatureParse
{
    private SignatureParse(AuthenticationFailureFeature? failure, ReadOnlyMemory<char> keyId, DateTimeOffset? signedAt, DateTimeOffset? expiresAt,
        ReadOnlyMemory<char> replayKey, string staleDetail, object? state)
    {
        Matched = true;
        Failure = failure;
        KeyId = keyId;
        SignedAt = signedAt;
        ExpiresAt = expiresAt;
        ReplayKey = replayKey;
        StaleDetail = staleDetail;
        State = state;
    }

    /// <summary>The request does not use the scheme (the default value).</summary>
    public static SignatureParse NotThisScheme => default;

    /// <summary><c>true</c> when the request uses the scheme (well-formed or not).</summary>
    public bool Matched { get; }

    /// <summary>Why the credential is refused before any lookup; <c>null</c> when it can be looked up.</summary>
    public AuthenticationFailureFeature? Failure { get; }

    /// <summary>The key id the signature names: characters of the credential header (no string per request).</summary>
    public ReadOnlyMemory<char> KeyId { get; }

    /// <summary>When the request was signed; <c>null</c> when the signature does not say (refused as stale).</summary>
    public DateTimeOffset? SignedAt { get; }

    /// <summary>When the signature expires, if it says.</summary>
    public DateTimeOffset? ExpiresAt { get; }

    /// <summary>
    /// The value reserved in the nonce store for the key: the nonce, or the signature itself (characters of the
    /// credential header, no string per request).
    /// </summary>
    public ReadOnlyMemory<char> ReplayKey { get; }

    /// <summary>The problem detail when <see cref="SignedAt"/> is missing or outside the allowed clock skew.</summary>
    public string StaleDetail { get; }

    /// <summary>The scheme's own parsed form, handed back to <see cref="ISignatureScheme.VerifyAsync"/>.</summary>
    public object? State { get; }

    /// <summary>The request uses the scheme but cannot be authenticated: <paramref name="code"/> with <paramref name="detail"/>.</summary>
    public static SignatureParse Failed(string code, string detail) =>
        new(new AuthenticationFailureFeature(code, detail), default, null, null, default, "", null);

    /// <summary>A credential naming <paramref name="keyId"/>, to be looked up and verified.</summary>
    public static SignatureParse Parsed(ReadOnlyMemory<char> keyId, DateTimeOffset? signedAt, DateTimeOffset? expiresAt, ReadOnlyMemory<char> replayKey,
        string staleDetail, object state) =>
        new(null, keyId, signedAt, expiresAt, replayKey, staleDetail, state);
}
