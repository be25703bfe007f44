using System.Text.Json;
using OpenQA.Selenium;
using OpenQA.Selenium.Support.UI;

namespace Gateway.FunctionalTests.AdminConsole;

/// <summary>Roles (create, validation, edit) and runner credentials (issue, download once, regenerate) in the real browser.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleRolesAndRunnersTests(ConsoleFixture fixture)
{
    private readonly ConsoleBrowser _browser = new(fixture.Driver, fixture.Gateway.Admin.BaseAddress!);

    [Fact]
    public async Task Custom_roles_are_created_validated_and_edited()
    {
        _browser.Reset();
        _browser.SignIn(fixture.Gateway.BootstrapToken);
        _browser.Open("/console/roles");
        Assert.Contains("executor", _browser.Text);
        _browser.Fill("Name", "deployer");
        _browser.Fill("Scopes", "deploy:execute not a scope!");
        _browser.Submit(_browser.Driver.FindElement(By.Id("Scopes")));
        Assert.False(string.IsNullOrWhiteSpace(_browser.Driver.FindElement(By.Id("Scopes-error")).Text));

        _browser.Fill("Description", "ships releases");
        _browser.Fill("Scopes", "deploy:execute\nbuilds:read");
        _browser.Submit(_browser.Driver.FindElement(By.Id("Scopes")));
        Assert.Contains("Role deployer saved", _browser.Text);

        _browser.Driver.FindElement(By.CssSelector("a[aria-label='Edit role deployer']")).Click();
        Assert.Equal("deploy:execute\nbuilds:read", _browser.Value("Scopes"));
        _browser.Fill("Scopes", "deploy:execute builds:read builds:write");
        _browser.Submit(_browser.Driver.FindElement(By.Id("Scopes")));
        var roles = await fixture.Gateway.Admin.GetStringAsync("/v1/roles");
        Assert.Contains("\"builds:write\"", roles);
        _browser.Screenshot("roles");
    }

    [Fact]
    public async Task Runner_credentials_download_once_and_regenerating_revokes_the_old_key()
    {
        _browser.Reset();
        _browser.SignIn(fixture.Gateway.BootstrapToken);
        _browser.Open("/console/runners");
        _browser.Fill("RunnerId", "build-07");
        _browser.Fill("OrgId", "acme");
        var first = Download("runner-build-07.json", () => _browser.Driver.FindElement(By.XPath("//button[normalize-space(.)='Issue and download']")).Click());
        Assert.Equal("build-07", first.GetProperty("runnerId").GetString());
        var firstSecret = first.GetProperty("secret").GetString()!;
        Assert.StartsWith("gws_", firstSecret);

        _browser.Open("/console/runners");
        Assert.Contains("build-07", _browser.Text);
        Assert.DoesNotContain(firstSecret, _browser.Source);
        var second = Download("runner-build-07.json", () =>
        {
            _browser.Driver.FindElement(By.CssSelector("button[aria-label='Regenerate credentials of build-07']")).Click();
            new WebDriverWait(_browser.Driver, TimeSpan.FromSeconds(10)).Until(d => d.SwitchTo().Alert()).Accept();
        });
        Assert.NotEqual(first.GetProperty("keyId").GetString(), second.GetProperty("keyId").GetString());
        Assert.Equal("hmac", second.GetProperty("kind").GetString());

        // A bearer runner: the document holds a token instead of a secret.
        _browser.Open("/console/runners");
        _browser.Fill("RunnerId", "deploy-01");
        _browser.Driver.FindElement(By.CssSelector("#Kind option[value='bearer']")).Click();
        var bearer = Download("runner-deploy-01.json", () => _browser.Driver.FindElement(By.XPath("//button[normalize-space(.)='Issue and download']")).Click());
        Assert.Equal("bearer", bearer.GetProperty("kind").GetString());
        Assert.StartsWith("gwk_", bearer.GetProperty("token").GetString());
        Assert.Equal("system", bearer.GetProperty("orgId").GetString());

        var accountId = second.GetProperty("accountId").GetString();
        using var keys = JsonDocument.Parse(await fixture.Gateway.Admin.GetStringAsync($"/v1/service-accounts/{accountId}/keys"));
        var states = keys.RootElement.GetProperty("items").EnumerateArray()
            .ToDictionary(k => k.GetProperty("id").GetString()!, k => k.GetProperty("status").GetString());
        Assert.Equal("revoked", states[first.GetProperty("keyId").GetString()!]);
        Assert.Equal("active", states[second.GetProperty("keyId").GetString()!]);
        _browser.Open("/console/runners");
        _browser.Screenshot("runners");
    }

    private JsonElement Download(string name, Action start)
    {
        var path = Path.Combine(fixture.Downloads, name);
        File.Delete(path);
        start();
        new WebDriverWait(_browser.Driver, TimeSpan.FromSeconds(20)).Until(_ => File.Exists(path) && new FileInfo(path).Length > 0);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        File.Delete(path);
        return document.RootElement.Clone();
    }
}
