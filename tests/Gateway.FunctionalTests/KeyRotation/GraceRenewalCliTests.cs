using Gateway.FunctionalTests.Cli;
using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.KeyRotation;

/// <summary><c>gatewayctl sa key renew --grace</c> as a real child process against a real gateway.</summary>
public sealed class GraceRenewalCliTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>, IDisposable
{
    private readonly GatewayCtl _cli = new();

    private GatewayHost Gateway => fixture.Gateway;

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task RenewWithGrace_OldKeyKeepsWorking_AndIsListedWithItsRevocationTime()
    {
        await _cli.LoginAdminAsync(Gateway);
        var (accountId, oldKeyId, oldToken) = await Gateway.CreateCallerAsync($"cli-grace-{Guid.NewGuid():N}"[..20]);

        var renewed = (await _cli.RunAsync("sa", "key", "renew", accountId, oldKeyId, "--grace", "1h", "--profile", "admin", "-o", "json")).AssertExit(0).Json();
        Assert.StartsWith("gwk_", renewed.GetProperty("token").GetString());

        (await _cli.LoginAsync(Gateway, "old", apiKey: oldToken)).AssertExit(0);
        var rows = (await _cli.RunAsync("sa", "key", "list", accountId, "--profile", "admin")).AssertExit(0).Table();
        var old = rows.Single(r => r["ID"] == oldKeyId);
        Assert.Equal("active", old["STATUS"]);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT", old["REVOKES"]);
        Assert.Equal(oldKeyId, (await GraceRenewal.AuditAsync(Gateway.Admin, "key.renew", oldKeyId)).Single().GetProperty("target").GetString());
    }

    [Fact]
    public async Task RenewWithMalformedGrace_IsAUsageError()
    {
        await _cli.LoginAdminAsync(Gateway);
        var result = (await _cli.RunAsync("sa", "key", "renew", "sa_0000000000000000", "ak_0000000000000000", "--grace", "soon", "--profile", "admin")).AssertExit(1);
        Assert.Contains("'soon' is not a duration", result.Stderr, StringComparison.Ordinal);
    }
}
