using System.Net;
using Gateway.Configuration;
using Gateway.FunctionalTests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;

namespace Gateway.FunctionalTests.Hosting;

/// <summary>
/// Only the routes file is watched, never a folder: in the default layout (the data directory beside the routes
/// file, as in every <see cref="GatewayHost"/>) the gateway's own writes must cost no configuration work.
/// </summary>
public sealed class ConfigurationWatchTests : IAsyncLifetime
{
    private EchoUpstreamHost _upstream = null!;

    public async Task InitializeAsync() => _upstream = await EchoUpstreamHost.StartAsync();

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    [Fact]
    public async Task NoFileConfigurationSource_ReloadsOnChange()
    {
        await using var gateway = await GatewayHost.StartAsync(_upstream.Url);
        var root = (IConfigurationRoot)gateway.Services.GetRequiredService<IConfiguration>();

        var files = root.Providers.OfType<FileConfigurationProvider>().ToArray();
        Assert.Contains(files, f => f.Source.Path == Path.GetFileName(gateway.RoutesFile));
        Assert.All(files, f => Assert.False(f.Source.ReloadOnChange, $"{f.Source.Path} is watched by a folder watcher"));
    }

    [Fact]
    public async Task WritesUnderTheDataDirectory_TriggerNoReload_ButARoutesChangeDoes()
    {
        await using var gateway = await GatewayHost.StartAsync(_upstream.Url);
        Assert.StartsWith(gateway.Directory, gateway.DataDirectory, StringComparison.Ordinal);
        var configuration = gateway.Services.GetRequiredService<IConfiguration>();
        var watcher = gateway.Services.GetRequiredService<RoutesFileWatcher>();
        var reloads = 0;
        using var subscription = ChangeToken.OnChange(configuration.GetReloadToken, () => Interlocked.Increment(ref reloads));

        // The gateway's own writes (SQLite WAL: an account, a key, audited requests) and files written beside them.
        var (_, _, token) = await gateway.CreateCallerAsync("writer");
        for (var i = 0; i < 20; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/echo/x");
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
            Assert.Equal(HttpStatusCode.OK, (await gateway.Proxy.SendAsync(request)).StatusCode);
        }

        for (var i = 0; i < 50; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(gateway.DataDirectory, $"scratch-{i}.tmp"), "x");
        }

        Assert.False(watcher.CheckNow());
        Assert.Equal(0, watcher.Reloads);
        Assert.Equal(0, Volatile.Read(ref reloads));

        var routes = TestRoutes.Json(_upstream.Url).Replace(
            "\"public\":",
            "\"added\": { \"ClusterId\": \"echo\", \"Match\": { \"Path\": \"/added/{**rest}\" } },\n\"public\":",
            StringComparison.Ordinal);
        await File.WriteAllTextAsync(gateway.RoutesFile, routes);
        File.SetLastWriteTimeUtc(gateway.RoutesFile, DateTime.UtcNow.AddSeconds(1));
        watcher.CheckNow();

        Assert.Equal(1, watcher.Reloads);
        Assert.Equal(1, Volatile.Read(ref reloads));
        Assert.Equal("/added/{**rest}", configuration["ReverseProxy:Routes:added:Match:Path"]);
    }

    [Fact]
    public async Task RoutesFileThatDoesNotParse_KeepsTheRoutesInForce()
    {
        await using var gateway = await GatewayHost.StartAsync(_upstream.Url);
        var configuration = gateway.Services.GetRequiredService<IConfiguration>();
        var watcher = gateway.Services.GetRequiredService<RoutesFileWatcher>();
        var before = configuration["ReverseProxy:Routes:public:Match:Path"];
        Assert.NotNull(before);

        await File.WriteAllTextAsync(gateway.RoutesFile, "{ \"ReverseProxy\": ");
        File.SetLastWriteTimeUtc(gateway.RoutesFile, DateTime.UtcNow.AddSeconds(1));

        Assert.False(watcher.CheckNow());
        Assert.Equal(before, configuration["ReverseProxy:Routes:public:Match:Path"]);
        Assert.Contains(gateway.Logs.Lines, l => l.Contains("cannot be loaded", StringComparison.Ordinal));
    }
}
