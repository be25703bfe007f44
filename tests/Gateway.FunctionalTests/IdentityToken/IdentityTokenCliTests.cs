using Gateway.FunctionalTests.Cli;
using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.IdentityToken;

/// <summary><c>gatewayctl identity-token keys list|rotate</c> against a real gateway.</summary>
public sealed class IdentityTokenCliTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>, IDisposable
{
    private readonly GatewayCtl _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task ListAndRotate_ShowTheKeyStates_AndTenantAdministratorsGetAnAuthorizationExit()
    {
        await _cli.LoginAdminAsync(fixture.Gateway);
        var before = (await _cli.RunAsync("identity-token", "keys", "list", "-o", "json")).AssertExit(0).Json().GetProperty("keys");
        var next = before.EnumerateArray().Single(k => k.GetProperty("state").GetString() == "next").GetProperty("kid").GetString()!;

        var rotated = (await _cli.RunAsync("identity-token", "keys", "rotate")).AssertExit(0);
        var table = (await _cli.RunAsync("identity-token", "keys", "list")).AssertExit(0);

        Assert.Contains($"Rotated: {next} now signs", rotated.Stdout, StringComparison.Ordinal);
        Assert.Contains("REMOVE AFTER", table.Stdout, StringComparison.Ordinal);
        Assert.Contains(table.Stdout.Split('\n'), line => line.StartsWith(next, StringComparison.Ordinal) && line.Contains("active", StringComparison.Ordinal));

        var (_, _, tenantAdmin) = await fixture.Gateway.CreateCallerAsync("cli-tenant-" + Guid.NewGuid().ToString("N")[..8], roles: ["admin"]);
        (await _cli.LoginAsync(fixture.Gateway, "tenant", apiKey: tenantAdmin)).AssertExit(0);
        var refused = (await _cli.RunAsync("identity-token", "keys", "rotate")).AssertExit(2);
        Assert.Contains("platform", refused.Stderr, StringComparison.Ordinal);
    }
}
