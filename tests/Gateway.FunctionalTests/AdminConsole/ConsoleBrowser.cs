using System.Drawing;
using Gateway.FunctionalTests.Infrastructure;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace Gateway.FunctionalTests.AdminConsole;

/// <summary>Small steps of driving the console: open a page, fill and submit forms, answer confirm dialogs, save screenshots.</summary>
public sealed class ConsoleBrowser(ChromeDriver driver, Uri admin)
{
    public ChromeDriver Driver => driver;

    public string Source => driver.PageSource;

    public string Text => driver.FindElement(By.TagName("main")).Text;

    public string Path => new Uri(driver.Url).AbsolutePath;

    /// <summary>Starts signed out: no cookies of the admin origin.</summary>
    public void Reset()
    {
        driver.Navigate().GoToUrl(new Uri(admin, "/console/sign-in"));
        driver.Manage().Cookies.DeleteAllCookies();
        driver.Manage().Window.Size = new Size(1280, 900);
    }

    public void Open(string path) => driver.Navigate().GoToUrl(new Uri(admin, path));

    public void SignIn(string apiKey)
    {
        Open("/console/sign-in");
        Fill("apiKey", apiKey);
        Submit(driver.FindElement(By.Id("apiKey")));
    }

    public void Fill(string id, string value)
    {
        var input = driver.FindElement(By.Id(id));
        input.Clear();
        input.SendKeys(value);
    }

    public void Check(string name, string value) =>
        driver.FindElement(By.CssSelector($"input[name='{name}'][value='{value}']")).Click();

    /// <summary>Clicks the submit button of <paramref name="inside"/>'s form and waits for the next page.</summary>
    public void Submit(IWebElement inside, bool confirm = false)
    {
        var form = inside.TagName == "form" ? inside : inside.FindElement(By.XPath("ancestor::form"));
        var before = driver.FindElement(By.TagName("html"));
        form.FindElement(By.CssSelector("button[type=submit]")).Click();
        if (confirm)
        {
            new WebDriverWait(driver, TimeSpan.FromSeconds(10)).Until(TryAlert)!.Accept();
        }

        new WebDriverWait(driver, TimeSpan.FromSeconds(30)).Until(_ => IsStale(before));
    }

    /// <summary>Submits the form whose button has <paramref name="label"/> as its accessible name or text.</summary>
    public void Press(string label, bool confirm = false) =>
        Submit(driver.FindElement(By.XPath($"//button[@aria-label='{label}' or normalize-space(.)='{label}']")), confirm);

    public string Value(string id) => driver.FindElement(By.Id(id)).GetAttribute("value") ?? "";

    /// <summary>How many tables of the page are wider than their frame (to be scrolled sideways) in the current window.</summary>
    public long TablesScrollingSideways() => Convert.ToInt64(driver.ExecuteScript(
        "return [...document.querySelectorAll('.table-wrap')].filter(w => w.scrollWidth > w.clientWidth + 1).length;"));

    /// <summary>
    /// Saves the page as <paramref name="name"/>.png: into docs/console (the console's documentation) when
    /// <c>GATEWAY_UPDATE_SCREENSHOTS=1</c>, else into a temporary folder, so an ordinary test run leaves the work tree
    /// unchanged.
    /// </summary>
    public void Screenshot(string name, int width = 1280)
    {
        var size = driver.Manage().Window.Size;
        if (width != size.Width)
        {
            driver.Manage().Window.Size = new Size(width, 900);
        }

        var height = Convert.ToInt32(driver.ExecuteScript("return Math.min(document.documentElement.scrollHeight, 2400);"));
        driver.Manage().Window.Size = new Size(width, Math.Max(height + 140, 500));
        var directory = Environment.GetEnvironmentVariable("GATEWAY_UPDATE_SCREENSHOTS") == "1"
            ? RepositoryFiles.Path("docs", "console")
            : System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gateway-console-screenshots");
        Directory.CreateDirectory(directory);
        driver.GetScreenshot().SaveAsFile(System.IO.Path.Combine(directory, name + ".png"));
        driver.Manage().Window.Size = new Size(1280, 900);
    }

    private static IAlert? TryAlert(IWebDriver d)
    {
        try
        {
            return d.SwitchTo().Alert();
        }
        catch (NoAlertPresentException)
        {
            return null;
        }
    }

    private static bool IsStale(IWebElement element)
    {
        try
        {
            _ = element.Enabled;
            return false;
        }
        catch (StaleElementReferenceException)
        {
            return true;
        }
        catch (UnknownErrorException ex) when (ex.Message.Contains("does not belong to the document", StringComparison.Ordinal))
        {
            // Chromium's other answer for an element whose page was replaced while the driver looked it up.
            return true;
        }
    }
}
