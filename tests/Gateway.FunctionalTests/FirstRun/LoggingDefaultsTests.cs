using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.FirstRun;

/// <summary>The real process at its default log levels: no per-request framework chatter, the listening lines kept.</summary>
public sealed class LoggingDefaultsTests(UpstreamFixture upstream) : IClassFixture<UpstreamFixture>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("gateway-logs-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task ProxiedRequests_LogNoFrameworkInformation_ByDefault()
    {
        var routes = Path.Combine(_directory, "yarp.json");
        await File.WriteAllTextAsync(routes, TestRoutes.Json(upstream.Url));
        await using var gateway = await GatewayProcess.StartAsync(Path.Combine(_directory, "data"), routes, new Dictionary<string, string>());

        for (var i = 0; i < 5; i++)
        {
            (await gateway.Proxy.GetAsync($"/public/quiet-{i}")).EnsureSuccessStatusCode();
        }

        var output = gateway.Output;
        Assert.Contains("Now listening on", output);
        Assert.DoesNotContain("info: Microsoft.AspNetCore", output);
        Assert.DoesNotContain("info: Yarp", output);
        Assert.DoesNotContain("info: System.Net.Http", output);
        Assert.DoesNotContain("/public/quiet-", output);
    }

    [Fact]
    public async Task ConsoleShowingScopes_KeepsTheRequestScope()
    {
        // By default the host opens no per-request log scope (LoggingDefaults); asked to show scopes, it does again.
        // Nothing listens on the route's upstream: YARP's warning about it is logged inside the request.
        var routes = Path.Combine(_directory, "yarp.json");
        await File.WriteAllTextAsync(routes, TestRoutes.Json(new Uri("http://127.0.0.1:9")));
        await using var gateway = await GatewayProcess.StartAsync(Path.Combine(_directory, "data"), routes,
            new Dictionary<string, string>
            {
                ["Logging:Console:FormatterName"] = "json",
                ["Logging:Console:FormatterOptions:IncludeScopes"] = "true",
            });

        Assert.Equal(System.Net.HttpStatusCode.BadGateway, (await gateway.Proxy.GetAsync("/public/scoped")).StatusCode);

        Assert.True(await gateway.WroteAsync("\"RequestPath\":\"/public/scoped\""), gateway.Output);
    }
}
