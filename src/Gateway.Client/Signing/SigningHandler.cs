namespace Gateway.Client.Signing;

/// <summary>
/// Signs every outgoing request with one <see cref="IRequestSigner"/> and key: buffers the content (so it can be hashed
/// and still be sent), removes any of the scheme's credential headers already on the request, and signs at the
/// <see cref="TimeProvider"/>'s time.
/// </summary>
public sealed class SigningHandler : BodySigningHandler
{
    private readonly IRequestSigner _signer;
    private readonly SigningKey _key;

    /// <summary>Creates the handler; <paramref name="timeProvider"/> defaults to <see cref="TimeProvider.System"/>.</summary>
    public SigningHandler(IRequestSigner signer, SigningKey key, TimeProvider? timeProvider = null)
        : base(timeProvider)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrEmpty(key.KeyId);
        ArgumentException.ThrowIfNullOrEmpty(key.Secret);
        _signer = signer;
        _key = key;
    }

    /// <summary>Creates the handler in front of <paramref name="innerHandler"/>.</summary>
    public SigningHandler(IRequestSigner signer, SigningKey key, TimeProvider? timeProvider, HttpMessageHandler innerHandler)
        : this(signer, key, timeProvider)
    {
        InnerHandler = innerHandler;
    }

    /// <inheritdoc />
    protected override void Sign(HttpRequestMessage request, byte[]? body) => Sign(_signer, _key, request, body, Time.GetUtcNow());

    /// <summary>Removes the scheme's credential headers from <paramref name="request"/>, then signs it.</summary>
    internal static void Sign(IRequestSigner signer, SigningKey key, HttpRequestMessage request, byte[]? body, DateTimeOffset now)
    {
        foreach (var header in signer.CredentialHeaders)
        {
            request.Headers.Remove(header);
            if (request.Content is { } content && content.Headers.NonValidated.Contains(header))
            {
                // Content-Digest may sit on the content; request-only names (Authorization) are not content headers.
                content.Headers.Remove(header);
            }
        }

        signer.Sign(request, body, key, now);
    }
}
