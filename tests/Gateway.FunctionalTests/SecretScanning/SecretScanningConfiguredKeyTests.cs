using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Gateway.Accounts;
using Gateway.Accounts.Tokens;
using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.SecretScanning;

/// <summary>
/// A gateway that trusts one signing key from its configuration (no key URL, as an air-gapped install would) and
/// allows two reports per window: the third from the same address is 429 with <c>Retry-After</c>.
/// </summary>
public sealed class SecretScanningConfiguredKeyTests : IAsyncLifetime
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private EchoUpstreamHost _upstream = null!;
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync()
    {
        _upstream = await EchoUpstreamHost.StartAsync();
        _gateway = await GatewayHost.StartAsync(_upstream.Url, new Dictionary<string, string?>
        {
            ["Gateway:SecretScanning:Enabled"] = "true",
            ["Gateway:SecretScanning:PublicKeysUrl"] = "",
            ["Gateway:SecretScanning:PublicKeys:0:KeyIdentifier"] = "configured-1",
            ["Gateway:SecretScanning:PublicKeys:0:Key"] = _key.ExportSubjectPublicKeyInfoPem(),
            ["Gateway:SecretScanning:RateLimitPermits"] = "2",
            ["Gateway:SecretScanning:RateLimitWindow"] = "00:10:00",
        });
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _upstream.DisposeAsync();
        _key.Dispose();
    }

    private HttpRequestMessage Report(string token)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new[] { new { token, type = "gateway_api_key", url = "https://github.com/x/y", source = "commit" } });
        var signature = _key.SignData(body, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return GitHubStandIn.Signed(body, "configured-1", Convert.ToBase64String(signature));
    }

    [Fact]
    public async Task ConfiguredKey_Verifies_AndTheThirdReportInTheWindowIs429()
    {
        var (_, _, token) = await _gateway.CreateCallerAsync("configured-leak");

        var first = await _gateway.Proxy.SendAsync(Report(token));
        var second = await _gateway.Proxy.SendAsync(Report(BearerToken.Create(IdGenerator.NewKeyId())));
        var third = await _gateway.Proxy.SendAsync(Report(token));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("true_positive", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal("application/problem+json", third.Content.Headers.ContentType?.MediaType);
        Assert.Equal("rate_limited", JsonDocument.Parse(await third.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        Assert.True(third.Headers.RetryAfter?.Delta > TimeSpan.Zero, third.Headers.ToString());
    }
}
