using System.Net.Http.Headers;
using Gateway.FunctionalTests.Infrastructure;
using OpenQA.Selenium;

namespace Gateway.FunctionalTests.AdminConsole;

/// <summary>Lists on a gateway of their own: paging and filters of the accounts, expiry warnings, the audit filters and inactive principals.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleListTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task Accounts_page_and_filter_keys_warn_before_expiry_and_the_audit_marks_inactive_principals()
    {
        await using var gateway = await GatewayHost.StartAsync(fixture.Upstream.Url);
        for (var i = 0; i < 26; i++)
        {
            await gateway.CreateAccountAsync($"svc-{i:00}", org: i % 2 == 0 ? "acme" : "globex");
        }

        var (callerId, _, token) = await gateway.CreateCallerAsync("caller", ["reader"], project: "web");
        var (soonId, _) = await gateway.CreateBearerKeyAsync(callerId, DateTimeOffset.UtcNow.AddDays(3).AddHours(1));
        var browser = new ConsoleBrowser(fixture.Driver, gateway.Admin.BaseAddress!);
        browser.Reset();
        browser.SignIn(gateway.BootstrapToken);

        // 28 accounts: 25 on the first page, the rest behind "Next page".
        Assert.Equal(25, browser.Driver.FindElements(By.CssSelector("tbody tr")).Count);
        browser.Driver.FindElement(By.LinkText("Next page")).Click();
        Assert.Equal(3, browser.Driver.FindElements(By.CssSelector("tbody tr")).Count);
        Assert.Contains("caller", browser.Text);
        Assert.Contains("cursor=", browser.Driver.Url);

        // Filters: org, project, status (a form that keeps its values).
        browser.Open("/console/accounts");
        browser.Fill("org", "globex");
        browser.Submit(browser.Driver.FindElement(By.Id("org")));
        Assert.Equal(13, browser.Driver.FindElements(By.CssSelector("tbody tr")).Count);
        Assert.Equal("globex", browser.Value("org"));
        browser.Open("/console/accounts?org=acme&project=web");
        Assert.Single(browser.Driver.FindElements(By.CssSelector("tbody tr")));
        browser.Open("/console/accounts?status=disabled");
        Assert.Contains("No service account matches", browser.Text);

        // A key expiring within 7 days is flagged.
        browser.Open($"/console/accounts/{callerId}");
        var row = browser.Driver.FindElement(By.XPath($"//tr[td//span[normalize-space(.)='{soonId}']]"));
        Assert.Equal("expires in 4 days", row.FindElement(By.CssSelector(".badge.expiring")).Text);

        // The caller's request is audited; once disabled it shows as inactive; a future "since" hides everything.
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/echo/list"))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await gateway.Proxy.SendAsync(request);
            response.EnsureSuccessStatusCode();
        }

        Assert.True(await AuditEvents.WaitAsync(gateway, $"principalId={callerId}&action=proxy.request") > 0);
        browser.Open($"/console/accounts/{callerId}");
        browser.Press("Disable account", confirm: true);
        browser.Open("/console/audit?action=proxy.request");
        Assert.Equal("inactive", browser.Driver.FindElement(By.XPath("//tbody/tr[1]//span[contains(@class,'badge inactive')]")).Text);
        Assert.Contains("caller", browser.Driver.FindElement(By.XPath("//tbody/tr[1]")).Text);
        browser.Open($"/console/audit?principalId={callerId}&since={DateTime.UtcNow.AddHours(1):yyyy-MM-ddTHH:mm}");
        Assert.Contains("No events match", browser.Text);
        browser.Open("/console/audit?since=yesterday-ish");
        Assert.False(string.IsNullOrWhiteSpace(browser.Driver.FindElement(By.Id("since-error")).Text));
    }
}
