using Microsoft.Extensions.Primitives;

namespace Gateway.Signing;

/// <summary>
/// The parts of an HTTP request that the signature schemes read. The server adapts its incoming request and the
/// client adapts its outgoing request message, so that both sides canonicalise exactly the same values.
/// </summary>
public interface ISignableRequest
{
    /// <summary>The request method as sent, e.g. <c>GET</c>.</summary>
    string Method { get; }

    /// <summary>The URI scheme, <c>http</c> or <c>https</c>.</summary>
    string Scheme { get; }

    /// <summary>The authority (<c>host[:port]</c>) as sent in the <c>Host</c> header or request target.</summary>
    string Authority { get; }

    /// <summary>The path as sent on the wire (raw, percent-encoded); <c>""</c> is read as <c>/</c>.</summary>
    string Path { get; }

    /// <summary>The raw query as sent: <c>""</c> when absent, otherwise starting with <c>?</c>.</summary>
    string Query { get; }

    /// <summary>
    /// <see cref="Path"/> as characters: what canonicalisation reads, so that an implementation holding the path as
    /// part of a larger string (the raw request target) hands it out without making a string of its own.
    /// </summary>
    ReadOnlySpan<char> PathSpan => Path;

    /// <summary><see cref="Query"/> as characters (see <see cref="PathSpan"/>).</summary>
    ReadOnlySpan<char> QuerySpan => Query;

    /// <summary>
    /// Gets the values of a header by case-insensitive name; one entry per field line as received.
    /// Returns <see langword="false"/> when the header is absent.
    /// </summary>
    bool TryGetHeader(string name, out StringValues values);
}
