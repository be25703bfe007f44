using Microsoft.Extensions.Primitives;

namespace Gateway.Signing;

/// <summary>
/// A simple in-memory <see cref="ISignableRequest"/>: useful for tests, tools and callers that already hold the
/// request parts as strings. Header names are case-insensitive; each <see cref="AddHeader"/> adds a field line.
/// </summary>
public sealed class SignableRequest : ISignableRequest
{
    private readonly Dictionary<string, StringValues> _headers = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates a request; <paramref name="query"/> is <c>""</c> or starts with <c>?</c>.</summary>
    public SignableRequest(string method, string scheme, string authority, string path, string query = "")
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(authority);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(query);
        if (query.Length > 0 && query[0] != '?')
        {
            throw new ArgumentException("The query must be empty or start with '?'.", nameof(query));
        }

        Method = method;
        Scheme = scheme;
        Authority = authority;
        Path = path;
        Query = query;
    }

    /// <inheritdoc />
    public string Method { get; }

    /// <inheritdoc />
    public string Scheme { get; }

    /// <inheritdoc />
    public string Authority { get; }

    /// <inheritdoc />
    public string Path { get; }

    /// <inheritdoc />
    public string Query { get; }

    /// <summary>The names of the headers currently set.</summary>
    public IEnumerable<string> HeaderNames => _headers.Keys;

    /// <summary>Adds one field line for <paramref name="name"/>, after any existing ones.</summary>
    public void AddHeader(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        _headers[name] = _headers.TryGetValue(name, out var existing) ? StringValues.Concat(existing, value) : new StringValues(value);
    }

    /// <summary>Replaces every field line of <paramref name="name"/> with <paramref name="values"/>.</summary>
    public void SetHeader(string name, StringValues values)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _headers[name] = values;
    }

    /// <summary>Removes a header; returns whether it was present.</summary>
    public bool RemoveHeader(string name) => _headers.Remove(name);

    /// <inheritdoc />
    public bool TryGetHeader(string name, out StringValues values) => _headers.TryGetValue(name, out values);
}
