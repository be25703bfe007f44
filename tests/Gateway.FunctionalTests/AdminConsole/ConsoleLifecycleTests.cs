using System.Net;
using System.Net.Http.Headers;
using OpenQA.Selenium;

namespace Gateway.FunctionalTests.AdminConsole;

/// <summary>
/// The whole service-account lifecycle in real headless Chromium against a real gateway: every step is done by
/// clicking through the console, and its effect is checked on the proxy listener. The screenshots of
/// docs/CONSOLE.md are taken here.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleLifecycleTests(ConsoleFixture fixture)
{
    private readonly ConsoleBrowser _browser = new(fixture.Driver, fixture.Gateway.Admin.BaseAddress!);

    [Fact]
    public async Task Service_account_lifecycle_through_the_console()
    {
        var browser = _browser;
        browser.Reset();
        browser.Screenshot("sign-in");
        browser.SignIn(fixture.Gateway.BootstrapToken);
        Assert.Equal("/console/accounts", browser.Path);
        Assert.Contains("bootstrap-admin", browser.Text);

        // Create, first with a refused value: the API's message appears next to the field.
        browser.Open("/console/accounts/new");
        browser.Fill("Name", "ci-deploy");
        browser.Fill("Description", "Deploys the web app from CI");
        browser.Fill("OrgId", "acme");
        browser.Fill("ProjectId", "web");
        browser.Check("Roles", "executor");
        browser.Fill("AllowedCidrs", "10.0.0.1/8");
        browser.Submit(browser.Driver.FindElement(By.Id("Name")));
        Assert.Equal("/console/accounts/new", browser.Path);
        var cidrError = browser.Driver.FindElement(By.Id("AllowedCidrs-error")).Text;
        Assert.False(string.IsNullOrWhiteSpace(cidrError), "the CIDR field shows the API's validation message");
        Assert.Equal("true", browser.Driver.FindElement(By.Id("AllowedCidrs")).GetAttribute("aria-invalid"));
        browser.Screenshot("create-validation");
        browser.Fill("AllowedCidrs", "");
        browser.Submit(browser.Driver.FindElement(By.Id("Name")));
        Assert.StartsWith("/console/accounts/sa_", browser.Path);
        var accountId = browser.Path["/console/accounts/".Length..];
        Assert.Contains("ci-deploy", browser.Text);

        // A bearer key, read from the one-time page, works on the proxy.
        var (keyId, token) = CreateBearerKey(browser, "github actions");
        browser.Screenshot("one-time-secret");
        Assert.Equal(HttpStatusCode.OK, await ProxyStatusAsync(token));

        // The one-time page never shows it again: not on reload, not on back, not on the pages after it.
        browser.Driver.Navigate().Refresh();
        Assert.Contains("Already shown", browser.Text);
        Assert.DoesNotContain(token, browser.Source);
        browser.Open($"/console/accounts/{accountId}");
        browser.Driver.Navigate().Back();
        Assert.DoesNotContain(token, browser.Source);
        browser.Driver.Navigate().Forward();
        Assert.Contains(keyId, browser.Text);
        Assert.DoesNotContain(token, browser.Source);
        foreach (var page in new[] { "/console/accounts", $"/console/accounts/{accountId}", "/console/audit", "/console/runners", "/console/roles" })
        {
            browser.Open(page);
            Assert.DoesNotContain(token, browser.Source);
            Assert.DoesNotContain(fixture.Gateway.BootstrapToken, browser.Source);
        }

        // An HMAC key shows the access key id and the secret once.
        browser.Open($"/console/accounts/{accountId}");
        browser.Check("Kind", "hmac");
        browser.Submit(browser.Driver.FindElement(By.Id("KeyDescription")));
        var hmacSecret = browser.Value("secret-value");
        Assert.StartsWith("gws_", hmacSecret);
        browser.Open($"/console/accounts/{accountId}");
        Assert.DoesNotContain(hmacSecret, browser.Source);

        // Revoke: the next proxy call is refused.
        browser.Press($"Revoke key {keyId}", confirm: true);
        Assert.Contains($"Key {keyId} is revoked", browser.Text);
        Assert.Equal(HttpStatusCode.Unauthorized, await ProxyStatusAsync(token));

        // Renew: a new key from the one-time page works, the renewed one stops at once.
        var (secondId, second) = CreateBearerKey(browser, "second");
        browser.Open($"/console/accounts/{accountId}");
        browser.Press($"Renew key {secondId}", confirm: true);
        Assert.Equal("/console/secret", browser.Path);
        var renewed = browser.Value("secret-token");
        Assert.NotEqual(second, renewed);
        Assert.Equal(HttpStatusCode.Unauthorized, await ProxyStatusAsync(second));
        Assert.Equal(HttpStatusCode.OK, await ProxyStatusAsync(renewed));
        browser.Open($"/console/accounts/{accountId}");
        browser.Screenshot("account-detail");
        Assert.Equal(0, browser.TablesScrollingSideways()); // the keys' actions are on screen at 1280 px

        // Disable: every key is refused; enable again: it works again.
        browser.Press("Disable account", confirm: true);
        Assert.Contains("disabled", browser.Text);
        Assert.Equal(HttpStatusCode.Unauthorized, await ProxyStatusAsync(renewed));
        browser.Press("Enable account");
        Assert.Equal(HttpStatusCode.OK, await ProxyStatusAsync(renewed));

        browser.Open("/console/accounts");
        browser.Screenshot("accounts");
        browser.Screenshot("accounts-phone", width: 390);

        // Delete needs the typed name.
        browser.Open($"/console/accounts/{accountId}");
        browser.Fill("ConfirmName", "ci-deplo");
        browser.Submit(browser.Driver.FindElement(By.Id("ConfirmName")));
        Assert.Contains("exactly", browser.Driver.FindElement(By.Id("ConfirmName-error")).Text);
        Assert.Equal(HttpStatusCode.OK, await ProxyStatusAsync(renewed));
        browser.Fill("ConfirmName", "ci-deploy");
        browser.Submit(browser.Driver.FindElement(By.Id("ConfirmName")));
        Assert.Equal("/console/accounts", browser.Path);
        Assert.Contains("ci-deploy and all its keys are deleted", browser.Text);
        Assert.Equal(HttpStatusCode.Unauthorized, await ProxyStatusAsync(renewed));

        // Its page is gone ("Not found", not an error page); its audit events stay, and show it as deleted.
        browser.Open($"/console/accounts/{accountId}");
        Assert.Equal("Not found", browser.Driver.FindElement(By.TagName("h1")).Text);
        Assert.True(await AuditEvents.WaitAsync(fixture.Gateway, $"principalId={accountId}&action=proxy.request") > 0);
        browser.Open($"/console/audit?principalId={accountId}");
        Assert.Contains("proxy.request", browser.Text);
        Assert.Contains("deleted", browser.Driver.FindElement(By.CssSelector("tbody .badge.deleted")).Text);
        browser.Open("/console/audit?action=key.revoke");
        Assert.Contains(keyId, browser.Text);
        browser.Screenshot("audit");

        // Sign-out destroys the session: the old cookie no longer opens anything.
        var cookie = browser.Driver.Manage().Cookies.GetCookieNamed("gateway_console")!.Value;
        browser.Press("Sign out");
        Assert.Equal("/console/sign-in", browser.Path);
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = fixture.Gateway.Admin.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/console/accounts");
        request.Headers.Add("Cookie", "gateway_console=" + cookie);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/console/sign-in", response.Headers.Location?.OriginalString);
    }

    private static (string KeyId, string Token) CreateBearerKey(ConsoleBrowser browser, string description)
    {
        browser.Check("Kind", "bearer");
        browser.Fill("KeyDescription", description);
        browser.Submit(browser.Driver.FindElement(By.Id("KeyDescription")));
        Assert.Equal("/console/secret", browser.Path);
        Assert.Contains("you will not see this again", browser.Text);
        var token = browser.Value("secret-token");
        Assert.StartsWith("gwk_", token);
        return ("ak_" + token[4..20], token);
    }

    private async Task<HttpStatusCode> ProxyStatusAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo/console");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await fixture.Gateway.Proxy.SendAsync(request);
        return response.StatusCode;
    }
}
