using System.Net.Http;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace Gateway.Forwarding;

/// <summary>
/// YARP's upstream client without HttpClient's diagnostics handler, used when no spans are exported: with a
/// propagator set, that handler starts an <c>HttpRequestOut</c> activity (id, tags, start and stop) for every
/// forwarded request only to write its <c>traceparent</c>. Without spans that child activity is never seen, so the
/// handler is left out (no propagator) and <see cref="IdentityTransform"/> writes the request activity's trace context
/// instead: the upstream still receives the request's W3C trace id.
/// </summary>
public sealed class UntracedForwarderHttpClientFactory(ILogger<ForwarderHttpClientFactory> logger) : ForwarderHttpClientFactory(logger)
{
    /// <inheritdoc />
    protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
    {
        base.ConfigureHandler(context, handler);
        handler.ActivityHeadersPropagator = null;
    }
}
