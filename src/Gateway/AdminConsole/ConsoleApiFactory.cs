using System.Net.Http.Headers;
using Gateway.Client.Admin;
using Gateway.Listeners;
using Microsoft.Extensions.Options;

namespace Gateway.AdminConsole;

/// <summary>
/// Makes the admin-API client a console request uses: the gateway's own admin listener over loopback HTTP, with the
/// session's API key, so the console is authorized by exactly the rules of the admin API.
/// </summary>
public sealed class ConsoleApiFactory : IDisposable
{
    private readonly BoundListeners _listeners;
    private readonly bool _https;
    private readonly SocketsHttpHandler _handler;

    /// <summary>Creates the factory; one connection pool serves every session.</summary>
    public ConsoleApiFactory(BoundListeners listeners, IOptions<ListenersOptions> options)
    {
        _listeners = listeners;
        var admin = options.Value.Admin;
        _https = admin.Url.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
        _handler = new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1), UseCookies = false };
        if (_https)
        {
            // The console calls its own listener by address, where the certificate's name cannot match: it accepts
            // exactly the certificate that listener was configured with (pinned by its hash), nothing else.
            string expected;
            using (var own = KestrelListenerSetup.LoadCertificate(admin))
            {
                expected = own.GetCertHashString();
            }

            _handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is not null && string.Equals(certificate.GetCertHashString(), expected, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>A client acting with <paramref name="apiKey"/>.</summary>
    public GatewayAdminClient Create(string apiKey) => new(CreateHttp(apiKey));

    /// <summary>An admin-listener <see cref="HttpClient"/> acting with <paramref name="apiKey"/> (for the feature clients beside <see cref="GatewayAdminClient"/>).</summary>
    public HttpClient CreateHttp(string apiKey)
    {
        var http = new HttpClient(_handler, disposeHandler: false)
        {
            BaseAddress = _listeners.BaseUri(ListenerNames.Admin, _https),
            Timeout = TimeSpan.FromSeconds(30),
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return http;
    }

    /// <inheritdoc />
    public void Dispose() => _handler.Dispose();
}
