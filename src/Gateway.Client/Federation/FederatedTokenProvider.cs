namespace Gateway.Client.Federation;

/// <summary>
/// Holds the current federated access token: exchanges the job's id_token on first use and again shortly before the
/// token expires (<see cref="FederatedTokenOptions.RefreshBeforeExpiry"/>). Concurrent callers share one exchange.
/// One provider serves every <see cref="FederatedTokenHandler"/> of a client, so handler rotation by
/// <c>IHttpClientFactory</c> does not cost an exchange (an id_token from a file or variable is accepted only once).
/// </summary>
public sealed class FederatedTokenProvider(FederatedTokenOptions options, HttpClient? exchangeHttp = null, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly TokenExchangeClient _exchange = new(exchangeHttp ?? new HttpClient(), time);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private FederatedAccessToken? _current;

    /// <summary>The current token, exchanging a new one when there is none or it is about to expire.</summary>
    public async Task<FederatedAccessToken> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (Fresh(_current) is { } token)
        {
            return token;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Fresh(_current) is { } refreshed)
            {
                return refreshed;
            }

            var idToken = await options.IdToken(cancellationToken).ConfigureAwait(false);
            _current = await _exchange.ExchangeAsync(options.Gateway, idToken, options.ServiceAccountId, cancellationToken).ConfigureAwait(false);
            return _current;
        }
        finally
        {
            _gate.Release();
        }
    }

    private FederatedAccessToken? Fresh(FederatedAccessToken? token) =>
        token is not null && token.ExpiresAt - options.RefreshBeforeExpiry > _time.GetUtcNow() ? token : null;
}
