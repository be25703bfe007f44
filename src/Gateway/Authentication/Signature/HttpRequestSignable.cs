using Gateway.Signing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace Gateway.Authentication.Signature;

/// <summary>
/// The incoming request as the signing library sees it: the raw request target as sent (not the decoded
/// <see cref="HttpRequest.Path"/>), the Host header as the authority, and the header collection.
/// </summary>
public sealed class HttpRequestSignable : ISignableRequest
{
    private readonly HttpRequest _request;

    /// <summary>Adapts <paramref name="request"/>.</summary>
    public HttpRequestSignable(HttpRequest request)
    {
        _request = request;
        var rawTarget = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(rawTarget) || rawTarget[0] != '/')
        {
            Path = request.PathBase.Add(request.Path).ToUriComponent();
            Query = request.QueryString.Value ?? "";
            return;
        }

        var question = rawTarget.IndexOf('?', StringComparison.Ordinal);
        Path = question < 0 ? rawTarget : rawTarget[..question];
        Query = question < 0 || question == rawTarget.Length - 1 ? "" : rawTarget[question..];
    }

    /// <inheritdoc />
    public string Method => _request.Method;

    /// <inheritdoc />
    public string Scheme => _request.Scheme;

    /// <inheritdoc />
    public string Authority => _request.Host.Value ?? "";

    /// <inheritdoc />
    public string Path { get; }

    /// <inheritdoc />
    public string Query { get; }

    /// <inheritdoc />
    public bool TryGetHeader(string name, out StringValues values) =>
        _request.Headers.TryGetValue(name, out values) && values.Count > 0;
}
