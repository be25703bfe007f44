using System.Net;
using System.Text.RegularExpressions;
using OpenQA.Selenium;

namespace Gateway.FunctionalTests.AdminConsole;

/// <summary>
/// The console's guards, in the real browser and on the wire: an account without the admin scopes is refused with
/// a "not allowed" page, a form posted without its anti-forgery token changes nothing, the security headers, and
/// no console on the proxy listener.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class ConsoleSecurityTests(ConsoleFixture fixture)
{
    private readonly ConsoleBrowser _browser = new(fixture.Driver, fixture.Gateway.Admin.BaseAddress!);

    [Fact]
    public async Task An_account_without_admin_scopes_sees_not_allowed()
    {
        var (_, _, token) = await fixture.Gateway.CreateCallerAsync("console-reader", ["reader"]);
        _browser.Reset();
        _browser.SignIn(token);
        Assert.Equal("/console/accounts", _browser.Path);
        Assert.Equal("Not allowed", _browser.Driver.FindElement(By.TagName("h1")).Text);
        Assert.Contains("not allowed", _browser.Text);
        Assert.Empty(_browser.Driver.FindElements(By.CssSelector("table")));
        _browser.Screenshot("not-allowed");

        // Every page and action answers the same way, never with an error page.
        foreach (var path in new[] { "/console/accounts/new", "/console/roles", "/console/audit", "/console/runners", "/console/identity-token" })
        {
            _browser.Open(path);
            Assert.Equal("Not allowed", _browser.Driver.FindElement(By.TagName("h1")).Text);
        }

        using var client = SignedInClient(_browser.Driver);
        using var response = await client.GetAsync("/console/accounts");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Revoking_the_signed_in_key_ends_the_session()
    {
        var (accountId, keyId, token) = await fixture.Gateway.CreateCallerAsync("second-admin", ["admin"]);
        _browser.Reset();
        _browser.SignIn(token);
        Assert.Equal("/console/accounts", _browser.Path);
        Assert.Contains(keyId, _browser.Driver.FindElement(By.CssSelector(".who")).Text);

        using var revoke = await fixture.Gateway.Admin.DeleteAsync($"/v1/service-accounts/{accountId}/keys/{keyId}");
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        _browser.Open("/console/roles");
        Assert.Equal("/console/sign-in", _browser.Path);
        Assert.Contains("key_revoked", _browser.Text);
        _browser.Open("/console/accounts");
        Assert.Equal("/console/sign-in", _browser.Path); // the session is gone, not just refused once
        _browser.Open("/console/sign-in?reason=Call+us+at+555");
        Assert.DoesNotContain("Call us", _browser.Text);
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_changes_nothing()
    {
        var accountId = await fixture.Gateway.CreateAccountAsync("csrf-target", roles: ["reader"]);
        _browser.Reset();
        _browser.SignIn(fixture.Gateway.BootstrapToken);
        _browser.Open($"/console/accounts/{accountId}");
        var token = _browser.Driver.FindElement(By.CssSelector("form input[name='__csrf']")).GetAttribute("value");
        Assert.False(string.IsNullOrEmpty(token));

        // The session cookie alone (what a forged cross-site post would carry) is refused.
        using var client = SignedInClient(_browser.Driver, withAntiforgeryCookie: true);
        using var forged = await client.PostAsync($"/console/accounts/{accountId}?handler=Disable",
            new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        using var wrong = await client.PostAsync($"/console/accounts/{accountId}?handler=Disable",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__csrf"] = "CfDJ8-forged" }));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var account = await fixture.Gateway.Admin.GetStringAsync($"/v1/service-accounts/{accountId}");
        Assert.Contains("\"status\":\"active\"", account);

        // The same post with the page's token goes through (so the refusal above was the token's doing).
        using var genuine = await client.PostAsync($"/console/accounts/{accountId}?handler=Disable",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__csrf"] = token! }));
        Assert.Equal(HttpStatusCode.Redirect, genuine.StatusCode);
        account = await fixture.Gateway.Admin.GetStringAsync($"/v1/service-accounts/{accountId}");
        Assert.Contains("\"status\":\"disabled\"", account);
    }

    [Fact]
    public async Task Console_answers_carry_the_security_headers_and_the_session_cookie_is_locked_down()
    {
        using var client = ConsoleWire.Client(fixture.Gateway.Admin.BaseAddress!);
        var (signIn, html, signedIn) = await ConsoleWire.SignInAsync(client, fixture.Gateway.BootstrapToken);
        var csp = string.Join(";", signIn.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("no-referrer", signIn.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("nosniff", signIn.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("no-store", signIn.Headers.CacheControl?.ToString());
        Assert.DoesNotMatch(InlineScript(), html);

        // The cookie is an opaque id, HttpOnly, SameSite=Strict, not Secure over plain HTTP; the key is not in it.
        var session = ConsoleWire.SessionCookie(signedIn);
        Assert.DoesNotContain("secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", session, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(fixture.Gateway.BootstrapToken, session);
        Assert.DoesNotContain(fixture.Gateway.BootstrapToken[4..20], session);

        // The proxy listener has no console: /console there is just a path the proxy refuses without a key.
        using var proxied = await fixture.Gateway.Proxy.GetAsync("/console/sign-in");
        Assert.NotEqual(HttpStatusCode.OK, proxied.StatusCode);
        Assert.Equal("application/problem+json", proxied.Content.Headers.ContentType?.MediaType);
        using var asset = await fixture.Gateway.Proxy.GetAsync("/console/assets/console.css");
        Assert.NotEqual(HttpStatusCode.OK, asset.StatusCode);
    }

    /// <summary>An HttpClient carrying the browser's console cookies (never following redirects).</summary>
    private HttpClient SignedInClient(IWebDriver driver, bool withAntiforgeryCookie = false)
    {
        var cookies = driver.Manage().Cookies.AllCookies
            .Where(c => c.Name == "gateway_console" || (withAntiforgeryCookie && c.Name == "gateway_console_af"))
            .Select(c => $"{c.Name}={c.Value}");
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = fixture.Gateway.Admin.BaseAddress };
        client.DefaultRequestHeaders.Add("Cookie", string.Join("; ", cookies));
        return client;
    }

    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
