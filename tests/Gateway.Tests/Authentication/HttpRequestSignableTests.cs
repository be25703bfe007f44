using Gateway.Authentication.Signature;
using Gateway.Signing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Gateway.Tests.Authentication;

/// <summary>
/// The signed request's path and query are read as parts of the raw request target (no string each); the spans the
/// canonicalisation reads must be exactly the strings every earlier version handed out.
/// </summary>
public sealed class HttpRequestSignableTests
{
    [Theory]
    [InlineData("/echo/b?i=42", "/echo/b", "?i=42")]
    [InlineData("/echo/b", "/echo/b", "")]
    [InlineData("/echo/b?", "/echo/b", "")]
    [InlineData("/", "/", "")]
    [InlineData("/a%2Fb/c?x=%20&y", "/a%2Fb/c", "?x=%20&y")]
    [InlineData("/a?b?c", "/a", "?b?c")]
    public void RawTarget_PathAndQuery_AsSpansAndStrings(string rawTarget, string path, string query)
    {
        var signable = Signable(rawTarget, "/ignored", "");

        AssertParts(signable, path, query);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("*")]
    [InlineData("http://host/absolute?q=1")]
    public void NoOriginFormTarget_FallsBackToTheDecodedPathAndQuery(string? rawTarget)
    {
        var signable = Signable(rawTarget, "/fallback path", "?q=1");

        AssertParts(signable, "/fallback%20path", "?q=1");
        AssertParts(Signable(rawTarget, "/fallback", ""), "/fallback", "");
    }

    private static void AssertParts(ISignableRequest signable, string path, string query)
    {
        Assert.Equal(path, signable.PathSpan.ToString());
        Assert.Equal(query, signable.QuerySpan.ToString());
        Assert.Equal(path, signable.Path);
        Assert.Equal(query, signable.Query);
    }

    private static HttpRequestSignable Signable(string? rawTarget, string decodedPath, string queryString)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = decodedPath;
        context.Request.QueryString = new QueryString(queryString.Length == 0 ? null : queryString);
        context.Features.Get<IHttpRequestFeature>()!.RawTarget = rawTarget!;
        return new HttpRequestSignable(context.Request);
    }
}
