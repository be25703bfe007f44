using System.Net.Http.Headers;

namespace Gateway.Client;

/// <summary>Adds <c>Authorization: Bearer &lt;token&gt;</c> to every outgoing request, replacing any existing value.</summary>
public sealed class BearerTokenHandler : DelegatingHandler
{
    private readonly AuthenticationHeaderValue _authorization;

    /// <summary>Creates the handler.</summary>
    public BearerTokenHandler(BearerTokenOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Token);
        _authorization = new AuthenticationHeaderValue("Bearer", options.Token);
    }

    /// <summary>Creates the handler in front of <paramref name="innerHandler"/>.</summary>
    public BearerTokenHandler(BearerTokenOptions options, HttpMessageHandler innerHandler)
        : this(options)
    {
        InnerHandler = innerHandler;
    }

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Authorization = _authorization;
        return base.SendAsync(request, cancellationToken);
    }

    /// <inheritdoc />
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Authorization = _authorization;
        return base.Send(request, cancellationToken);
    }
}
