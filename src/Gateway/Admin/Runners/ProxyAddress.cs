using Gateway.Listeners;
using Microsoft.AspNetCore.Http;

namespace Gateway.Admin.Runners;

/// <summary>The proxy base URL written into runner credentials documents.</summary>
public static class ProxyAddress
{
    /// <summary>
    /// <c>Gateway:PublicUrl</c> when configured; else the admin request's host name with the proxy listener's scheme
    /// and bound port (<c>http://127.0.0.1:8080</c> for an admin call to <c>127.0.0.1:8081</c>); <c>null</c> when
    /// neither can be told.
    /// </summary>
    public static string? Resolve(HttpRequest request, string? publicUrl, ListenersOptions options, BoundListeners listeners)
    {
        if (publicUrl is { Length: > 0 } configured)
        {
            return configured.TrimEnd('/');
        }

        if (!ListenerEndpoint.TryParse(options.Proxy.Url, out var endpoint) || !request.Host.HasValue)
        {
            return null;
        }

        int port;
        try
        {
            port = listeners.BaseUri(ListenerNames.Proxy).Port;
        }
        catch (InvalidOperationException)
        {
            return null;
        }

        var host = request.Host.Host.TrimStart('[').TrimEnd(']');
        if (Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            return null;
        }

        return new UriBuilder(endpoint!.Https ? Uri.UriSchemeHttps : Uri.UriSchemeHttp, host, port).Uri.GetLeftPart(UriPartial.Authority);
    }
}
