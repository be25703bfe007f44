using System.Text.Json;

namespace Gateway.Client.Federation;

/// <summary>Calls <c>POST /.gateway/token</c> (RFC 8693) on the gateway's proxy listener.</summary>
public sealed class TokenExchangeClient(HttpClient http, TimeProvider? time = null)
{
    /// <summary>The token endpoint's path.</summary>
    public const string Path = "/.gateway/token";

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>
    /// Exchanges <paramref name="idToken"/> at <paramref name="gateway"/> (the proxy listener's base URL); optionally
    /// for a given service account. Throws <see cref="GatewayApiException"/> with the gateway's code when refused.
    /// </summary>
    public async Task<FederatedAccessToken> ExchangeAsync(Uri gateway, string idToken, string? serviceAccountId = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentException.ThrowIfNullOrWhiteSpace(idToken);
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "urn:ietf:params:oauth:grant-type:token-exchange",
            ["subject_token"] = idToken,
            ["subject_token_type"] = "urn:ietf:params:oauth:token-type:id_token",
        };
        if (serviceAccountId is not null)
        {
            form["audience"] = serviceAccountId;
        }

        var started = _time.GetUtcNow();
        using var content = new FormUrlEncodedContent(form);
        using var response = await http.PostAsync(new Uri(gateway, Path), content, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await GatewayApiException.FromResponseAsync(response, cancellationToken).ConfigureAwait(false);
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        var root = document.RootElement;
        return new FederatedAccessToken(root.GetProperty("access_token").GetString()!,
            started.AddSeconds(root.GetProperty("expires_in").GetInt64()));
    }
}
