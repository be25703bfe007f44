using System.Net.Http.Json;
using System.Text.Json;
using Gateway.FunctionalTests.AdminConsole;
using OpenQA.Selenium;

namespace Gateway.FunctionalTests.RateLimiting;

/// <summary>The account page's Limits form in the real browser: set, refuse a bad value next to its field, clear.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleLimitsTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task Limits_form_sets_refuses_and_clears_the_accounts_limits()
    {
        var browser = new ConsoleBrowser(fixture.Driver, fixture.Gateway.Admin.BaseAddress!);
        var accountId = await fixture.Gateway.CreateAccountAsync($"console-limits-{Guid.NewGuid():N}"[..24]);
        browser.Reset();
        browser.SignIn(fixture.Gateway.BootstrapToken);
        browser.Open($"/console/accounts/{accountId}");

        browser.Fill("Rate", "600/min");
        browser.Fill("Burst", "50");
        browser.Fill("QuotaText", "10000/day");
        browser.Submit(browser.Driver.FindElement(By.Id("Rate")));
        Assert.Contains("Limits saved.", browser.Text);
        Assert.Contains("600/min (burst 50)", browser.Text);
        Assert.Equal("10000/day", browser.Value("QuotaText"));
        var account = JsonDocument.Parse(await fixture.Gateway.Admin.GetStringAsync($"/v1/service-accounts/{accountId}")).RootElement;
        Assert.Equal(600, account.GetProperty("rateLimit").GetProperty("requestsPerMinute").GetInt32());

        browser.Fill("QuotaText", "5/hour");
        browser.Submit(browser.Driver.FindElement(By.Id("Rate")));
        Assert.Contains("10000/day or 1000000/month", browser.Driver.FindElement(By.Id("QuotaText-error")).Text);

        browser.Fill("Rate", "");
        browser.Fill("Burst", "");
        browser.Fill("QuotaText", "");
        browser.Submit(browser.Driver.FindElement(By.Id("Rate")));
        Assert.Contains("Limits saved.", browser.Text);
        account = JsonDocument.Parse(await fixture.Gateway.Admin.GetStringAsync($"/v1/service-accounts/{accountId}")).RootElement;
        Assert.False(account.TryGetProperty("rateLimit", out _));
        Assert.False(account.TryGetProperty("quota", out _));
    }
}
