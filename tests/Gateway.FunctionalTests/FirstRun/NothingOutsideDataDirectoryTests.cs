using System.Net;
using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.FirstRun;

/// <summary>
/// The gateway keeps its state in its data directory and nowhere else. Regression: ASP.NET Core's data protection,
/// which the console's anti-forgery tokens use, loaded its default key ring at start and so wrote an unencrypted key
/// under <c>$HOME/.aspnet/DataProtection-Keys</c> (with a "No XML encryptor configured" warning), although the console
/// protects its tokens with an in-memory provider and never read that key.
/// </summary>
public sealed class NothingOutsideDataDirectoryTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "gateway-tests", Guid.NewGuid().ToString("N"));

    public NothingOutsideDataDirectoryTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task StartingAndServingTheConsole_WritesNothingUnderHome_AndLogsNoKeyRingWarning()
    {
        var home = Directory.CreateDirectory(Path.Combine(_directory, "home")).FullName;
        await using var upstream = await EchoUpstreamHost.StartAsync();
        var routes = Path.Combine(_directory, "yarp.json");
        await File.WriteAllTextAsync(routes, TestRoutes.Json(upstream.Url));
        var environment = new Dictionary<string, string> { ["HOME"] = home };
        await using var gateway = await GatewayProcess.StartAsync(
            Path.Combine(_directory, "data"), routes, new Dictionary<string, string>(), environment: environment);

        // The sign-in page carries an anti-forgery token: data protection is in use, through the console's own provider.
        using var page = await gateway.Admin.GetAsync("/console/sign-in");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("name=\"__csrf\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await gateway.Proxy.GetAsync("/public/ping")).StatusCode);

        Assert.Empty(Directory.EnumerateFileSystemEntries(home, "*", SearchOption.AllDirectories));
        Assert.DoesNotContain("DataProtection", gateway.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("XML encryptor", gateway.Output, StringComparison.Ordinal);
    }
}
