using System.Net;
using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.Signing;

/// <summary>
/// An independent RFC 9421 implementation — Python's standard library only (hmac, hashlib, urllib), in
/// <c>Scripts/sign_rfc9421.py</c> — signs and sends requests to the real gateway.
/// </summary>
public sealed class PythonRfc9421Tests(SigningFixture fixture) : IClassFixture<SigningFixture>
{
    private static readonly string Script = Path.Combine(AppContext.BaseDirectory, "Signing", "Scripts", "sign_rfc9421.py");

    private GatewayHost Gateway => fixture.Gateway;

    private async Task<(HttpStatusCode Status, string Body)> RunAsync(string method, string pathAndQuery, string keyId, string secret, string? body = null)
    {
        Assert.True(File.Exists(Script), $"{Script} was not copied to the test output");
        var url = new Uri(Gateway.Proxy.BaseAddress!, pathAndQuery).ToString();
        var (exitCode, output, error) = body is null
            ? await ChildProcess.RunAsync("python3", Script, method, url, keyId, secret)
            : await ChildProcess.RunAsync("python3", Script, method, url, keyId, secret, body);
        Assert.True(exitCode == 0, $"python3 exited with {exitCode}: {error}");
        var newline = output.IndexOf('\n', StringComparison.Ordinal);
        return ((HttpStatusCode)int.Parse(output[..newline], System.Globalization.CultureInfo.InvariantCulture), output[(newline + 1)..]);
    }

    private static async Task<Echo> ParseEchoAsync(HttpStatusCode status, string body)
    {
        using var response = new HttpResponseMessage(status) { Content = new StringContent(body) };
        return await Echo.ReadAsync(response);
    }

    [Fact]
    public async Task GetWithQuery_SignedByPython_IsAccepted()
    {
        var (_, keyId, secret) = await Gateway.CreateHmacCallerAsync("python-get");
        var (status, body) = await RunAsync("GET", "/echo/pipelines?status=running&page=3", keyId, secret);
        var echo = await ParseEchoAsync(status, body);
        Assert.Equal("?status=running&page=3", echo.Query);
        Assert.Equal("rfc9421", echo.Header("X-Gateway-Auth-Scheme"));
        Assert.Equal(keyId, echo.Header("X-Gateway-Key-Id"));
        Assert.Null(echo.Header("Signature"));
    }

    [Fact]
    public async Task PostWithBody_SignedByPython_IsAccepted()
    {
        var (_, keyId, secret) = await Gateway.CreateHmacCallerAsync("python-post");
        var (status, body) = await RunAsync("POST", "/echo/pipelines", keyId, secret, "{\"ref\":\"main\"}");
        var echo = await ParseEchoAsync(status, body);
        Assert.Equal("POST", echo.Method);
        Assert.Equal("{\"ref\":\"main\"}", echo.Body);
        Assert.Equal("rfc9421", echo.Header("X-Gateway-Auth-Scheme"));
    }

    [Fact]
    public async Task WrongSecret_SignedByPython_Is401InvalidCredentials()
    {
        var (_, keyId, secret) = await Gateway.CreateHmacCallerAsync("python-wrong");
        var (status, body) = await RunAsync("GET", "/echo/x", keyId, secret + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("\"code\":\"invalid_credentials\"", body);
    }
}
