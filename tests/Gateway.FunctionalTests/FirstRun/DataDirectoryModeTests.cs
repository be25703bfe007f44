using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.FirstRun;

/// <summary>Everything the gateway creates under its data directory is readable by its owner only.</summary>
public sealed class DataDirectoryModeTests(UpstreamFixture upstream) : IClassFixture<UpstreamFixture>
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task FreshDataDirectory_Is0700_AndEveryFileIn_It0600()
    {
        await using var gateway = await GatewayHost.StartAsync(upstream.Url);
        var (_, _, token) = await gateway.CreateCallerAsync("modes");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo/modes");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        (await gateway.Proxy.SendAsync(request)).EnsureSuccessStatusCode();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(gateway.DataDirectory));
        var files = Directory.GetFiles(gateway.DataDirectory);
        Assert.Contains(files, f => Path.GetFileName(f) == "gateway.db");
        Assert.Contains(files, f => Path.GetFileName(f) == "token-hash.key");
        Assert.All(files, file => Assert.True(
            File.GetUnixFileMode(file) == (UnixFileMode.UserRead | UnixFileMode.UserWrite),
            $"{Path.GetFileName(file)} is {File.GetUnixFileMode(file)}"));
    }
}
