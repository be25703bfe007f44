using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Gateway.Listeners;

/// <summary>Binds the three listeners on Kestrel and tags each connection with its listener's name.</summary>
public static class KestrelListenerSetup
{
    /// <summary>Adds a Kestrel endpoint for each listener in <paramref name="options"/>.</summary>
    public static void Configure(KestrelServerOptions kestrel, ListenersOptions options, BoundListeners bound)
    {
        Bind(kestrel, ListenerNames.Proxy, options.Proxy, bound);
        Bind(kestrel, ListenerNames.Admin, options.Admin, bound);
        Bind(kestrel, ListenerNames.Status, options.Status, bound);
    }

    private static void Bind(KestrelServerOptions kestrel, string name, ListenerOptions listener, BoundListeners bound)
    {
        if (!ListenerEndpoint.TryParse(listener.Url, out var endpoint))
        {
            throw new InvalidOperationException($"Gateway:Listeners:{name}:Url '{listener.Url}' is not http(s)://address:port.");
        }

        kestrel.Listen(endpoint!.Address, endpoint.Port, listen =>
        {
            listen.Use(next => connection =>
            {
                connection.Items[ListenerNames.ConnectionItemKey] = name;
                return next(connection);
            });
            if (endpoint.Https)
            {
                listen.UseHttps(LoadCertificate(listener));
            }

            bound.Register(name, () => listen.EndPoint);
        });
    }

    internal static X509Certificate2 LoadCertificate(ListenerOptions listener)
    {
        var path = listener.CertificatePath!;
        return listener.CertificateKeyPath is { Length: > 0 } keyPath
            ? X509Certificate2.CreateFromPemFile(path, keyPath)
            : X509CertificateLoader.LoadPkcs12FromFile(path, listener.CertificatePassword);
    }
}
