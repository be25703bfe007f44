namespace Gateway.Client;

/// <summary>
/// Base of the signing handlers: buffers the request content (so it can be hashed and still be sent), lets the
/// derived handler sign the request, then passes it on — for both <c>SendAsync</c> and the synchronous <c>Send</c>.
/// </summary>
public abstract class BodySigningHandler : DelegatingHandler
{
    /// <summary>Creates the handler; <paramref name="timeProvider"/> defaults to <see cref="TimeProvider.System"/>.</summary>
    protected BodySigningHandler(TimeProvider? timeProvider) => Time = timeProvider ?? TimeProvider.System;

    /// <summary>The clock signing times come from.</summary>
    protected TimeProvider Time { get; }

    /// <summary>Signs <paramref name="request"/>, whose buffered content is <paramref name="body"/> (<c>null</c> when it has none).</summary>
    protected abstract void Sign(HttpRequestMessage request, byte[]? body);

    /// <inheritdoc />
    protected sealed override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Sign(request, await RequestBody.BufferAsync(request, cancellationToken).ConfigureAwait(false));
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected sealed override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Sign(request, RequestBody.Buffer(request, cancellationToken));
        return base.Send(request, cancellationToken);
    }
}
