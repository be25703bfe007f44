using System.Text.Json;
using OpenQA.Selenium;

namespace Gateway.FunctionalTests.AdminConsole;

/// <summary>Trust policies on the account's page in the real browser: add (with a refused one first), list, delete.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleTrustPolicyTests(ConsoleFixture fixture)
{
    private readonly ConsoleBrowser _browser = new(fixture.Driver, fixture.Gateway.Admin.BaseAddress!);

    [Fact]
    public async Task Trust_policies_are_added_validated_listed_and_deleted()
    {
        var accountId = await fixture.Gateway.CreateAccountAsync("console-ci");
        _browser.Reset();
        _browser.SignIn(fixture.Gateway.BootstrapToken);
        _browser.Open($"/console/accounts/{accountId}");
        _browser.Driver.FindElement(By.LinkText("Trust policies (keyless CI)")).Click();
        Assert.Contains("No trust policy yet", _browser.Text);

        _browser.Fill("Issuer", "https://token.actions.githubusercontent.com");
        _browser.Fill("Audience", "https://gateway.example.com");
        _browser.Fill("Conditions", "ref=refs/heads/main");
        _browser.Submit(_browser.Driver.FindElement(By.Id("Conditions")));
        Assert.False(string.IsNullOrWhiteSpace(_browser.Driver.FindElement(By.Id("Conditions-error")).Text));

        _browser.Fill("Conditions", "repository=acme/web\nref=refs/heads/main");
        _browser.Submit(_browser.Driver.FindElement(By.Id("Conditions")));
        Assert.Contains("added", _browser.Text);
        Assert.Contains("repository=acme/web", _browser.Text);
        var listed = JsonDocument.Parse(await fixture.Gateway.Admin.GetStringAsync($"/v1/service-accounts/{accountId}/trust-policies"));
        var policyId = Assert.Single(listed.RootElement.GetProperty("items").EnumerateArray()).GetProperty("id").GetString()!;
        _browser.Screenshot("trust-policies");
        Assert.Equal(0, _browser.TablesScrollingSideways()); // Delete is on screen at 1280 px

        _browser.Press($"Delete trust policy {policyId}", confirm: true);
        Assert.Contains("deleted", _browser.Text);
        Assert.Contains("[]", await fixture.Gateway.Admin.GetStringAsync($"/v1/service-accounts/{accountId}/trust-policies"));
    }
}
