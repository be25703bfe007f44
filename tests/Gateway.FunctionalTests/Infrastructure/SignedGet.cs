using System.Buffers.Text;
using System.Security.Cryptography;
using Gateway.Client;
using Gateway.Signing.Rfc9421;

namespace Gateway.FunctionalTests.Infrastructure;

/// <summary>
/// One RFC 9421 signed GET, signed once for a fixed <c>Host</c>, that can be sent unchanged to any gateway replica
/// (a replay, byte for byte).
/// </summary>
public sealed record SignedGet(string Path, string Authority, string SignatureInput, string Signature)
{
    /// <summary>Signs <c>GET <paramref name="path"/></c> (no query) for <paramref name="authority"/> now, with a fresh nonce.</summary>
    public static SignedGet Create(string path, string keyId, string secret, string authority = "gateway.test")
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://{authority}{path}"));
        var headers = Rfc9421Signer.Sign(
            new HttpRequestMessageSignableRequest(message),
            new Rfc9421SigningParameters
            {
                KeyId = keyId,
                Components = [Rfc9421Components.Method, Rfc9421Components.Authority, Rfc9421Components.Path],
                Created = DateTimeOffset.UtcNow,
                Nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)),
            },
            secret);
        return new SignedGet(path, authority, headers.SignatureInput, headers.Signature);
    }

    /// <summary>Sends the signed request through <paramref name="proxy"/>.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpClient proxy)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Path);
        request.Headers.Host = Authority;
        request.Headers.TryAddWithoutValidation(Rfc9421Constants.SignatureInputHeader, SignatureInput);
        request.Headers.TryAddWithoutValidation(Rfc9421Constants.SignatureHeader, Signature);
        return await proxy.SendAsync(request);
    }
}
