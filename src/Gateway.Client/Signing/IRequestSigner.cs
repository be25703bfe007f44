namespace Gateway.Client.Signing;

/// <summary>
/// One signature scheme on the caller's side (RFC 9421, AWS SigV4, …): signs an outgoing request with an HMAC key's
/// id and secret. Implemented per scheme in its own folder and registered once in <see cref="SigningSchemeRegistry.Default"/>;
/// <see cref="SigningHandler"/> drives it (buffering the body, removing stale credential headers, taking the time).
/// </summary>
public interface IRequestSigner
{
    /// <summary>
    /// The scheme's name, the same as the gateway's (<c>X-Gateway-Auth-Scheme</c>): what <c>--scheme</c> and
    /// <see cref="GatewaySigningOptions.Scheme"/> accept.
    /// </summary>
    string Name { get; }

    /// <summary>The request headers the signature writes; <see cref="SigningHandler"/> removes them before signing afresh.</summary>
    IReadOnlyList<string> CredentialHeaders { get; }

    /// <summary>
    /// Signs <paramref name="request"/> (absolute URI; its buffered content is <paramref name="body"/>, <c>null</c> when it
    /// has none) with <paramref name="key"/> at <paramref name="now"/>, adding the credential headers.
    /// </summary>
    void Sign(HttpRequestMessage request, byte[]? body, SigningKey key, DateTimeOffset now);
}
