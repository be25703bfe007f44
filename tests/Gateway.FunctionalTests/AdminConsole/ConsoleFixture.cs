using Gateway.FunctionalTests.Infrastructure;
using OpenQA.Selenium.Chrome;

namespace Gateway.FunctionalTests.AdminConsole;

/// <summary>
/// A real gateway and echo upstream on loopback, and one real headless Chromium (Debian's <c>chromium</c> driven by
/// <c>chromedriver</c>) shared by the console tests; each test starts from a fresh, signed-out browser.
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    public EchoUpstreamHost Upstream { get; private set; } = null!;

    public GatewayHost Gateway { get; private set; } = null!;

    public ChromeDriver Driver { get; private set; } = null!;

    /// <summary>Where the browser saves downloads (runner credentials documents).</summary>
    public string Downloads { get; } = Path.Combine(Path.GetTempPath(), "gateway-console-downloads", Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync()
    {
        Upstream = await EchoUpstreamHost.StartAsync();
        Gateway = await GatewayHost.StartAsync(Upstream.Url, new Dictionary<string, string?>
        {
            ["Gateway:Federation:Issuers:0"] = "https://token.actions.githubusercontent.com",
        });
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(Executable("chromedriver"))!, "chromedriver");
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = Executable("chromium") };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
            "--window-size=1280,900", "--force-device-scale-factor=1", "--no-first-run", "--disable-extensions");
        Directory.CreateDirectory(Downloads);
        options.AddUserProfilePreference("download.default_directory", Downloads);
        options.AddUserProfilePreference("download.prompt_for_download", false);
        Driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        Driver.Manage().Timeouts().PageLoad = TimeSpan.FromSeconds(30);
    }

    public async Task DisposeAsync()
    {
        Driver?.Quit();
        Driver?.Dispose();
        await Gateway.DisposeAsync();
        await Upstream.DisposeAsync();
        Directory.Delete(Downloads, recursive: true);
    }

    private static string Executable(string name)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':').Append("/usr/bin"))
        {
            var path = Path.Combine(directory, name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new InvalidOperationException($"{name} is not installed: apt-get install chromium chromium-driver (test.sh does).");
    }
}
