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
    private readonly string _target;
    private readonly int _pathLength;
    private readonly int _queryStart;
    private string? _path;
    private string? _query;

    /// <summary>Adapts <paramref name="request"/>.</summary>
    public HttpRequestSignable(HttpRequest request)
    {
        _request = request;
        var rawTarget = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(rawTarget) || rawTarget[0] != '/')
        {
            _path = request.PathBase.Add(request.Path).ToUriComponent();
            _query = request.QueryString.Value ?? "";
            _target = _path + _query;
            _pathLength = _path.Length;
            _queryStart = _query.Length == 0 ? _target.Length : _pathLength;
            return;
        }

        // The path and the query are read as parts of the raw target: no string is made for them unless asked for.
        var question = rawTarget.IndexOf('?', StringComparison.Ordinal);
        _target = rawTarget;
        _pathLength = question < 0 ? rawTarget.Length : question;
        _queryStart = question < 0 || question == rawTarget.Length - 1 ? rawTarget.Length : question;
    }

    /// <inheritdoc />
    public string Method => _request.Method;

    /// <inheritdoc />
    public string Scheme => _request.Scheme;

    /// <inheritdoc />
    public string Authority => _request.Host.Value ?? "";

    /// <inheritdoc />
    public string Path => _path ??= _pathLength == _target.Length ? _target : _target[.._pathLength];

    /// <inheritdoc />
    public string Query => _query ??= _target[_queryStart..];

    /// <inheritdoc />
    public ReadOnlySpan<char> PathSpan => _target.AsSpan(0, _pathLength);

    /// <inheritdoc />
    public ReadOnlySpan<char> QuerySpan => _target.AsSpan(_queryStart);

    /// <inheritdoc />
    public bool TryGetHeader(string name, out StringValues values) =>
        _request.Headers.TryGetValue(name, out values) && values.Count > 0;
}
