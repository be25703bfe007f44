using System.Net;

namespace Gateway.Federation;

/// <summary>What an issuer or key-set URL may be: absolute HTTPS, or HTTP on a loopback host when explicitly allowed.</summary>
public static class IssuerUrl
{
    /// <summary>A complaint about <paramref name="value"/>, or <c>null</c> when it is acceptable.</summary>
    public static string? Check(string? value, bool allowHttpLoopback)
    {
        if (string.IsNullOrWhiteSpace(value) || !Uri.TryCreate(value, UriKind.Absolute, out var uri))
        {
            return "must be an absolute URL.";
        }

        if (uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            return "must not have a query, a fragment or user information.";
        }

        if (uri.Scheme == Uri.UriSchemeHttps)
        {
            return null;
        }

        if (uri.Scheme == Uri.UriSchemeHttp && allowHttpLoopback && IsLoopback(uri))
        {
            return null;
        }

        return allowHttpLoopback
            ? "must use https (http only on a loopback address)."
            : "must use https (set Gateway:Federation:AllowHttpLoopbackIssuers for a local http issuer).";
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));
}
