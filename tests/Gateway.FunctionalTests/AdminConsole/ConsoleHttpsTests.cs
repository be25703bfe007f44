using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Gateway.FunctionalTests.Infrastructure;
using Gateway.Listeners;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.FunctionalTests.AdminConsole;

/// <summary>
/// The console on an HTTPS admin listener: the session cookie is Secure, and the console's own calls to the admin
/// API (over loopback TLS, to a certificate for another name) work.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleHttpsTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task Over_https_the_session_cookie_is_secure_and_pages_load()
    {
        var directory = Path.Combine(Path.GetTempPath(), "gateway-console-tls", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var pfx = Path.Combine(directory, "admin.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=gateway-admin.example", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx));
        }

        try
        {
            await using var gateway = await GatewayHost.StartAsync(fixture.Upstream.Url, new Dictionary<string, string?>
            {
                ["Gateway:Listeners:Admin:Url"] = "https://127.0.0.1:0",
                ["Gateway:Listeners:Admin:CertificatePath"] = pfx,
            });
            var admin = gateway.Services.GetRequiredService<BoundListeners>().BaseUri(ListenerNames.Admin, https: true);
            using var client = ConsoleWire.Client(admin, acceptAnyCertificate: true);
            var (_, _, signedIn) = await ConsoleWire.SignInAsync(client, gateway.BootstrapToken);
            var session = ConsoleWire.SessionCookie(signedIn);
            Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);

            using var page = new HttpRequestMessage(HttpMethod.Get, "/console/accounts");
            page.Headers.Add("Cookie", session.Split(';')[0]);
            using var accounts = await client.SendAsync(page);
            Assert.Equal(HttpStatusCode.OK, accounts.StatusCode);
            Assert.Contains("bootstrap-admin", await accounts.Content.ReadAsStringAsync());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
