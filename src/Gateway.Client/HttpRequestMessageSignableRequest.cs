using System.Globalization;
using Gateway.Signing;
using Microsoft.Extensions.Primitives;

namespace Gateway.Client;

/// <summary>
/// Adapts an outgoing <see cref="HttpRequestMessage"/> (with an absolute <see cref="HttpRequestMessage.RequestUri"/>)
/// to <see cref="ISignableRequest"/>, reporting the values exactly as <see cref="HttpClient"/> puts them on the wire:
/// the escaped path and query, the <c>Host</c> it will send, and each header's values joined as one field line.
/// </summary>
public sealed class HttpRequestMessageSignableRequest : ISignableRequest
{
    private readonly HttpRequestMessage _request;
    private readonly Uri _uri;

    /// <summary>Wraps <paramref name="request"/>; throws when its URI is missing or relative.</summary>
    public HttpRequestMessageSignableRequest(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RequestUri is not { IsAbsoluteUri: true } uri)
        {
            throw new InvalidOperationException("The request URI must be absolute before the request is signed.");
        }

        _request = request;
        _uri = uri;
        Authority = request.Headers.Host ?? DefaultAuthority(uri);
    }

    /// <inheritdoc />
    public string Method => _request.Method.Method;

    /// <inheritdoc />
    public string Scheme => _uri.Scheme;

    /// <inheritdoc />
    public string Authority { get; }

    /// <inheritdoc />
    public string Path => _uri.AbsolutePath;

    /// <inheritdoc />
    public string Query => _uri.Query;

    /// <inheritdoc />
    public bool TryGetHeader(string name, out StringValues values)
    {
        if (string.Equals(name, "Host", StringComparison.OrdinalIgnoreCase))
        {
            values = Authority;
            return true;
        }

        if (_request.Headers.NonValidated.TryGetValues(name, out var requestValues)
            || (_request.Content is { } content && content.Headers.NonValidated.TryGetValues(name, out requestValues)))
        {
            // HttpClient writes all values of a header as one field line joined by the header's separator.
            values = requestValues.ToString();
            return true;
        }

        values = StringValues.Empty;
        return false;
    }

    private static string DefaultAuthority(Uri uri)
    {
        var host = uri.IdnHost;
        if (uri.HostNameType == UriHostNameType.IPv6 && !host.StartsWith('['))
        {
            host = "[" + host + "]";
        }

        return uri.IsDefaultPort ? host : host + ":" + uri.Port.ToString(CultureInfo.InvariantCulture);
    }
}
