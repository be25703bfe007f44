using System.Text.Json;
using OpenQA.Selenium;

namespace Gateway.FunctionalTests.AdminConsole;

/// <summary>The identity-token signing keys in the real browser: listed as the admin API lists them, rotated with a confirmation.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleIdentityTokenTests(ConsoleFixture fixture)
{
    private readonly ConsoleBrowser _browser = new(fixture.Driver, fixture.Gateway.Admin.BaseAddress!);

    [Fact]
    public async Task Signing_keys_are_listed_and_rotated()
    {
        var before = await KeysAsync();
        var next = before.Single(k => k.State == "next").Kid;
        _browser.Reset();
        _browser.SignIn(fixture.Gateway.BootstrapToken);
        _browser.Driver.FindElement(By.LinkText("Identity tokens")).Click();
        Assert.Equal("/console/identity-token", _browser.Path);
        var rows = _browser.Driver.FindElements(By.CssSelector("tbody tr"))
            .Select(r => (Kid: r.FindElement(By.CssSelector("td[data-label='Key id']")).Text, State: r.FindElement(By.CssSelector("td[data-label='State']")).Text))
            .ToArray();
        Assert.Equal(before, rows);

        _browser.Press("Rotate the identity-token signing keys", confirm: true);

        Assert.Contains($"Rotated: {next} now signs identity tokens", _browser.Text);
        var after = await KeysAsync();
        Assert.Equal(next, after.Single(k => k.State == "active").Kid);
        Assert.Contains(after, k => k.State == "retired" && k.Kid == before.Single(b => b.State == "active").Kid);
        Assert.Contains(after.Single(k => k.State == "next").Kid, _browser.Text);
        Assert.Equal(0, _browser.TablesScrollingSideways());
        _browser.Screenshot("identity-token");
    }

    private async Task<(string Kid, string State)[]> KeysAsync()
    {
        using var listed = JsonDocument.Parse(await fixture.Gateway.Admin.GetStringAsync("/v1/identity-token/keys"));
        return listed.RootElement.GetProperty("keys").EnumerateArray()
            .Select(k => (k.GetProperty("kid").GetString()!, k.GetProperty("state").GetString()!))
            .ToArray();
    }
}
