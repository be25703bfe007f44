using System.Net.Http.Headers;

namespace Gateway.Client.Federation;

/// <summary>
/// Keyless CI in one handler: sends the <see cref="FederatedTokenProvider"/>'s current gateway access token as
/// <c>Authorization: Bearer</c> (exchanging the job's id_token when needed).
/// </summary>
public sealed class FederatedTokenHandler : DelegatingHandler
{
    private readonly FederatedTokenProvider _provider;

    /// <summary>Creates the handler over a shared <paramref name="provider"/>.</summary>
    public FederatedTokenHandler(FederatedTokenProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        _provider = provider;
    }

    /// <summary>Creates the handler with its own provider, in front of <paramref name="innerHandler"/>.</summary>
    public FederatedTokenHandler(FederatedTokenOptions options, HttpMessageHandler innerHandler)
        : this(new FederatedTokenProvider(options))
    {
        InnerHandler = innerHandler;
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var token = await _provider.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
