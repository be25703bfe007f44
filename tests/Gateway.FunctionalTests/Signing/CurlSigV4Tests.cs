using System.Net;
using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.Signing;

/// <summary>
/// Unmodified AWS tooling: <c>curl --aws-sigv4</c> (Debian 12's curl 7.88) run as a child process against the real
/// gateway. curl 7.88 signs the query as sent, so the queries here are already in canonical (sorted) order.
/// </summary>
public sealed class CurlSigV4Tests(SigningFixture fixture) : IClassFixture<SigningFixture>
{
    private GatewayHost Gateway => fixture.Gateway;

    private async Task<(HttpStatusCode Status, string Body)> CurlAsync(string keyId, string secret, string pathAndQuery, params string[] extra)
    {
        string[] arguments =
        [
            "--silent", "--show-error", "--max-time", "20",
            "--aws-sigv4", "aws:amz:us-east-1:gateway",
            "--user", keyId + ":" + secret,
            "--write-out", "\n%{http_code}",
            .. extra,
            new Uri(Gateway.Proxy.BaseAddress!, pathAndQuery).ToString(),
        ];
        var (exitCode, output, error) = await ChildProcess.RunAsync("curl", arguments);
        Assert.True(exitCode == 0, $"curl exited with {exitCode}: {error}");
        var split = output.LastIndexOf('\n');
        return ((HttpStatusCode)int.Parse(output[(split + 1)..], System.Globalization.CultureInfo.InvariantCulture), output[..split]);
    }

    private static async Task<Echo> ParseEchoAsync(HttpStatusCode status, string body)
    {
        using var response = new HttpResponseMessage(status) { Content = new StringContent(body) };
        return await Echo.ReadAsync(response);
    }

    [Fact]
    public async Task Get_WithSortedQuery_IsAcceptedAsAwsSigV4()
    {
        var (_, keyId, secret) = await Gateway.CreateHmacCallerAsync("curl-get");
        var (status, body) = await CurlAsync(keyId, secret, "/echo/reports?limit=10&offset=20&sort=name");
        var echo = await ParseEchoAsync(status, body);
        Assert.Equal("GET", echo.Method);
        Assert.Equal("?limit=10&offset=20&sort=name", echo.Query);
        Assert.Equal("aws-sigv4", echo.Header("X-Gateway-Auth-Scheme"));
        Assert.Equal(keyId, echo.Header("X-Gateway-Key-Id"));
        Assert.Null(echo.Header("Authorization"));
    }

    [Fact]
    public async Task PostWithData_IsAcceptedAsAwsSigV4_AndTheBodyForwarded()
    {
        var (_, keyId, secret) = await Gateway.CreateHmacCallerAsync("curl-post");
        var (status, body) = await CurlAsync(keyId, secret, "/echo/builds", "--data", "name=build&ref=main");
        var echo = await ParseEchoAsync(status, body);
        Assert.Equal("POST", echo.Method);
        Assert.Equal("name=build&ref=main", echo.Body);
        Assert.Equal("aws-sigv4", echo.Header("X-Gateway-Auth-Scheme"));
    }

    [Fact]
    public async Task WrongSecret_Is401InvalidCredentials()
    {
        var (_, keyId, secret) = await Gateway.CreateHmacCallerAsync("curl-wrong-secret");
        var (status, body) = await CurlAsync(keyId, secret[..^1] + (secret[^1] == 'a' ? 'b' : 'a'), "/echo/x");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("\"code\":\"invalid_credentials\"", body);
    }
}
