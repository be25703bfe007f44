namespace Gateway.Signing.Rfc9421;

/// <summary>
/// The derived component names supported (RFC 9421 §2.2), plus the <c>content-digest</c> field name.
/// <c>@query-param</c>, <c>@status</c> and component parameters (<c>;sf</c>, <c>;bs</c>, <c>;req</c>, <c>;key</c>,
/// <c>;tr</c>) are not supported and are rejected with a distinct <see cref="Rfc9421Error"/>.
/// </summary>
public static class Rfc9421Components
{
    /// <summary><c>@method</c>: the request method.</summary>
    public const string Method = "@method";

    /// <summary><c>@target-uri</c>: <c>scheme://authority/path?query</c>.</summary>
    public const string TargetUri = "@target-uri";

    /// <summary><c>@authority</c>: host[:port], lowercased, default port removed.</summary>
    public const string Authority = "@authority";

    /// <summary><c>@scheme</c>: the lowercase URI scheme.</summary>
    public const string Scheme = "@scheme";

    /// <summary><c>@request-target</c>: path plus query as sent.</summary>
    public const string RequestTarget = "@request-target";

    /// <summary><c>@path</c>: the raw path; <c>/</c> when empty.</summary>
    public const string Path = "@path";

    /// <summary><c>@query</c>: the raw query including <c>?</c>; <c>?</c> alone when absent.</summary>
    public const string Query = "@query";

    /// <summary>The <c>content-digest</c> header component (RFC 9530).</summary>
    public const string ContentDigest = "content-digest";

    /// <summary>True for the derived component names this library can compute.</summary>
    public static bool IsSupportedDerived(string name) => name is Method or TargetUri or Authority or Scheme or RequestTarget or Path or Query;
}
