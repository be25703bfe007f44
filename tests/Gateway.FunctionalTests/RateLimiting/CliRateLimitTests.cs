using Gateway.FunctionalTests.Cli;
using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.RateLimiting;

/// <summary>gatewayctl's --rate, --burst and --quota on sa create, sa update and sa key create, against a real gateway.</summary>
public sealed class CliRateLimitTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>, IDisposable
{
    private readonly GatewayCtl _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task CreateUpdateAndKeyCreate_SetShowAndClearLimits()
    {
        await _cli.LoginAdminAsync(fixture.Gateway);
        var name = $"cli-limits-{Guid.NewGuid():N}"[..24];
        var created = (await _cli.RunAsync("sa", "create", "--name", name, "--org", "acme", "--rate", "600/min", "--burst", "50",
            "--quota", "10000/day", "--profile", "admin", "-o", "json")).AssertExit(0).Json();
        Assert.Equal(600, created.GetProperty("rateLimit").GetProperty("requestsPerMinute").GetInt32());
        Assert.Equal(50, created.GetProperty("rateLimit").GetProperty("burst").GetInt32());
        Assert.Equal(10000, created.GetProperty("quota").GetProperty("perDay").GetInt64());
        var id = created.GetProperty("id").GetString()!;

        var shown = (await _cli.RunAsync("sa", "get", id, "--profile", "admin")).AssertExit(0).Fields();
        Assert.Equal("600/min (burst 50)", shown["Rate limit"]);
        Assert.Equal("10000/day", shown["Quota"]);

        var updated = (await _cli.RunAsync("sa", "update", id, "--rate", "5/s", "--quota", "none", "--profile", "admin")).AssertExit(0).Fields();
        Assert.Equal("5/s", updated["Rate limit"]);
        Assert.False(updated.ContainsKey("Quota"));

        var key = (await _cli.RunAsync("sa", "key", "create", id, "--rate", "1/s", "--quota", "100/month", "--profile", "admin", "-o", "json")).AssertExit(0).Json();
        Assert.Equal(1, key.GetProperty("rateLimit").GetProperty("requestsPerSecond").GetInt32());
        Assert.Equal(100, key.GetProperty("quota").GetProperty("perMonth").GetInt64());

        (await _cli.RunAsync("sa", "create", "--name", name + "x", "--org", "acme", "--rate", "5/hour", "--profile", "admin")).AssertExit(1);
        (await _cli.RunAsync("sa", "update", id, "--profile", "admin")).AssertExit(1);
    }

    [Fact]
    public async Task KeyUpdate_SetsAndClearsAKeysLimits()
    {
        await _cli.LoginAdminAsync(fixture.Gateway);
        var id = await fixture.Gateway.CreateAccountAsync($"cli-key-limits-{Guid.NewGuid():N}"[..24]);
        var (keyId, _) = await fixture.Gateway.CreateBearerKeyAsync(id);

        var updated = (await _cli.RunAsync("sa", "key", "update", id, keyId, "--rate", "10/s", "--burst", "20", "--quota", "500/day",
            "--description", "nightly", "--profile", "admin", "-o", "json")).AssertExit(0).Json();
        Assert.Equal(10, updated.GetProperty("rateLimit").GetProperty("requestsPerSecond").GetInt32());
        Assert.Equal(20, updated.GetProperty("rateLimit").GetProperty("burst").GetInt32());
        Assert.Equal(500, updated.GetProperty("quota").GetProperty("perDay").GetInt64());
        Assert.Equal("nightly", updated.GetProperty("description").GetString());

        var cleared = (await _cli.RunAsync("sa", "key", "update", id, keyId, "--rate", "none", "--profile", "admin", "-o", "json")).AssertExit(0).Json();
        Assert.True(!cleared.TryGetProperty("rateLimit", out var rate) || rate.ValueKind == System.Text.Json.JsonValueKind.Null, cleared.ToString());
        Assert.Equal(500, cleared.GetProperty("quota").GetProperty("perDay").GetInt64());

        (await _cli.RunAsync("sa", "key", "update", id, keyId, "--profile", "admin")).AssertExit(1);
        (await _cli.RunAsync("sa", "key", "update", id, keyId, "--rate", "5/hour", "--profile", "admin")).AssertExit(1);
    }
}
