using System.Net;
using System.Text.RegularExpressions;

namespace Gateway.FunctionalTests.AdminConsole;

/// <summary>The console over plain HTTP, without a browser: the sign-in form and its anti-forgery token.</summary>
public static partial class ConsoleWire
{
    /// <summary>A client that keeps no cookies and follows no redirects, so each answer can be inspected.</summary>
    public static HttpClient Client(Uri admin, bool acceptAnyCertificate = false) =>
        new(new HttpClientHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            ServerCertificateCustomValidationCallback = acceptAnyCertificate ? HttpClientHandler.DangerousAcceptAnyServerCertificateValidator : null,
        })
        { BaseAddress = admin };

    /// <summary>Loads the sign-in page, posts <paramref name="apiKey"/> with its token, and returns both answers.</summary>
    public static async Task<(HttpResponseMessage Form, string Html, HttpResponseMessage SignedIn)> SignInAsync(HttpClient client, string apiKey)
    {
        var form = await client.GetAsync("/console/sign-in");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var html = await form.Content.ReadAsStringAsync();
        var antiforgeryCookie = form.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("gateway_console_af=", StringComparison.Ordinal)).Split(';')[0];
        var token = Token().Match(html).Groups[1].Value;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/console/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["apiKey"] = apiKey, ["__csrf"] = token }),
        };
        post.Headers.Add("Cookie", antiforgeryCookie);
        var signedIn = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return (form, html, signedIn);
    }

    /// <summary>The <c>gateway_console</c> Set-Cookie header of a sign-in answer.</summary>
    public static string SessionCookie(HttpResponseMessage signedIn) =>
        signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("gateway_console=", StringComparison.Ordinal));

    [GeneratedRegex("name=\"__csrf\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
