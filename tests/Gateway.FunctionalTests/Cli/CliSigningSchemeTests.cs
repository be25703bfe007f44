using Gateway.Client.Signing;
using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.Cli;

/// <summary>
/// <c>gatewayctl request --scheme</c>: its choices are the client's signing scheme registry, each of them signs requests
/// the real gateway accepts as that scheme, and any other name is refused with the choices listed.
/// </summary>
public sealed class CliSigningSchemeTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>, IDisposable
{
    private readonly GatewayCtl _cli = new();

    public static TheoryData<string> SchemeNames => [.. SigningSchemeRegistry.Default.Names];

    public void Dispose() => _cli.Dispose();

    [Theory]
    [MemberData(nameof(SchemeNames))]
    public async Task Request_EachRegisteredScheme_RoundTripsThroughTheGateway(string scheme)
    {
        var (account, keyId, secret) = await fixture.Gateway.CreateHmacCallerAsync("cli-registry-" + scheme);
        (await _cli.LoginAsync(fixture.Gateway, "hmac", accessKeyId: keyId, secret: secret)).AssertExit(0);

        var echo = EchoBody.Parse((await _cli.RunAsync("request", "POST", "/echo/registry?page=2", "--data", "{\"n\":1}",
            "--scheme", scheme, "--profile", "hmac")).AssertExit(0).Stdout);

        Assert.Equal(scheme, echo.Header("X-Gateway-Auth-Scheme"));
        Assert.Equal(account, echo.Header("X-Gateway-Principal-Id"));
        Assert.Equal("{\"n\":1}", echo.Body);
        Assert.Equal("?page=2", echo.Query);
    }

    [Fact]
    public async Task Request_UnknownScheme_IsRefused_ListingTheRegisteredChoices()
    {
        var result = (await _cli.RunAsync("request", "GET", "/echo/x", "--scheme", "hmac-md5")).AssertExit(1);

        Assert.StartsWith("error: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("hmac-md5", result.Stderr, StringComparison.Ordinal);
        Assert.All(SigningSchemeRegistry.Default.Names, name => Assert.Contains(name, result.Stderr, StringComparison.Ordinal));
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task Request_Help_ListsTheRegisteredSchemes()
    {
        var result = (await _cli.RunAsync("request", "--help")).AssertExit(0);

        Assert.Contains("--scheme", result.Stdout, StringComparison.Ordinal);
        Assert.All(SigningSchemeRegistry.Default.Names, name => Assert.Contains(name, result.Stdout, StringComparison.Ordinal));
        Assert.Contains("--sigv4", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_ConflictingOrMisplacedSchemeChoices_AreUsageErrors()
    {
        var token = fixture.Gateway.BootstrapToken;
        (await _cli.LoginAsync(fixture.Gateway, "bearer", apiKey: token)).AssertExit(0);

        var conflict = (await _cli.RunAsync("request", "GET", "/echo/x", "--scheme", "rfc9421", "--sigv4", "--profile", "bearer")).AssertExit(1);
        var bearer = (await _cli.RunAsync("request", "GET", "/echo/x", "--scheme", "aws-sigv4", "--profile", "bearer")).AssertExit(1);

        Assert.Contains("choose different schemes", conflict.Stderr, StringComparison.Ordinal);
        Assert.Contains("--scheme aws-sigv4 signs with an HMAC key", bearer.Stderr, StringComparison.Ordinal);
    }
}
