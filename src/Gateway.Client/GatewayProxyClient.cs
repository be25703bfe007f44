using System.Net.Http.Json;

namespace Gateway.Client;

/// <summary>
/// Calls the gateway's own endpoints on the proxy listener. The <see cref="HttpClient"/> carries the credential
/// (through <see cref="BearerTokenHandler"/>, <see cref="Rfc9421SigningHandler"/> or <see cref="SigV4SigningHandler"/>)
/// and a <see cref="HttpClient.BaseAddress"/> of the proxy listener, e.g. <c>http://localhost:8080</c>.
/// </summary>
public sealed class GatewayProxyClient
{
    /// <summary>The path of the identity endpoint.</summary>
    public const string WhoAmIPath = "/.gateway/whoami";

    private readonly HttpClient _http;

    /// <summary>Creates the client over <paramref name="http"/>, which must have a base address.</summary>
    public GatewayProxyClient(HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.BaseAddress is null)
        {
            throw new ArgumentException("The HttpClient needs a BaseAddress (the proxy listener's URL).", nameof(http));
        }

        _http = http;
    }

    /// <summary>
    /// <c>GET /.gateway/whoami</c>: who the gateway takes the caller for. Throws <see cref="GatewayApiException"/>
    /// (401 when the credential is refused).
    /// </summary>
    public async Task<CallerIdentity> WhoAmIAsync(CancellationToken cancellationToken = default)
    {
        using var response = await _http.GetAsync(WhoAmIPath.TrimStart('/'), cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await GatewayApiException.FromResponseAsync(response, cancellationToken).ConfigureAwait(false);
        }

        return await response.Content.ReadFromJsonAsync<CallerIdentity>(ClientJson.Options, cancellationToken).ConfigureAwait(false)
            ?? throw new GatewayApiException((int)response.StatusCode, GatewayApiException.UnexpectedResponseCode, "The identity body was empty.");
    }
}
