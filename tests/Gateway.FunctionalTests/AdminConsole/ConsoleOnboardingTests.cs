using Gateway.FunctionalTests.Infrastructure;
using OpenQA.Selenium;

namespace Gateway.FunctionalTests.AdminConsole;

/// <summary>What a newcomer sees on a fresh gateway: an overview of service accounts until the first one exists.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleOnboardingTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task A_fresh_gateway_explains_service_accounts_until_one_is_created()
    {
        await using var gateway = await GatewayHost.StartAsync(fixture.Upstream.Url);
        var browser = new ConsoleBrowser(fixture.Driver, gateway.Admin.BaseAddress!);
        browser.Reset();
        browser.SignIn(gateway.BootstrapToken);
        Assert.Equal("Getting started: service accounts", browser.Driver.FindElement(By.Id("empty-title")).Text);
        Assert.Contains("runners", browser.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("bootstrap-admin", browser.Text);
        browser.Screenshot("getting-started");

        // Keyboard only: the skip link is the first stop, and "Create" is reachable by tabbing.
        browser.Driver.FindElement(By.TagName("body")).SendKeys(Keys.Tab);
        Assert.Equal("Skip to content", browser.Driver.SwitchTo().ActiveElement().Text);

        await gateway.CreateAccountAsync("first-by-hand");
        browser.Open("/console/accounts");
        Assert.Empty(browser.Driver.FindElements(By.Id("empty-title")));
        Assert.Contains("first-by-hand", browser.Text);
    }
}
