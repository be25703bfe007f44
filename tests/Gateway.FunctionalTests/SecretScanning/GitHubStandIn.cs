using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gateway.FunctionalTests.SecretScanning;

/// <summary>
/// Stands in for GitHub: P-256 signing keys generated here, their public halves served on a real loopback Kestrel
/// listener in GitHub's <c>/meta/public_keys/secret_scanning</c> shape (plus one P-384 key, which a gateway must not
/// accept), and reports signed the way GitHub signs them (ECDSA, SHA-256, DER, base64).
/// </summary>
public sealed class GitHubStandIn : IAsyncDisposable
{
    public const string KeyId = "gh-test-key-1";
    public const string P384KeyId = "gh-test-key-p384";
    public const string LateKeyId = "gh-test-key-late";

    private readonly WebApplication _app;
    private int _fetches;

    private GitHubStandIn(WebApplication app) => _app = app;

    /// <summary>The current P-256 signing key.</summary>
    public ECDsa Key { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>A P-384 key, served under <see cref="P384KeyId"/>.</summary>
    public ECDsa P384Key { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP384);

    /// <summary>A P-256 key served only once <see cref="PublishLateKey"/> was called (a key rotation at GitHub).</summary>
    public ECDsa LateKey { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public bool LateKeyPublished { get; private set; }

    public Uri KeysUrl { get; private set; } = null!;

    /// <summary>How many times the key document was fetched.</summary>
    public int Fetches => Volatile.Read(ref _fetches);

    public static async Task<GitHubStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var standIn = new GitHubStandIn(app);
        app.MapGet("/meta/public_keys/secret_scanning", standIn.ServeKeys);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        standIn.KeysUrl = new Uri(new Uri(address), "/meta/public_keys/secret_scanning");
        return standIn;
    }

    public void PublishLateKey() => LateKeyPublished = true;

    private IResult ServeKeys()
    {
        Interlocked.Increment(ref _fetches);
        var keys = new List<object>
        {
            new { key_identifier = KeyId, key = Key.ExportSubjectPublicKeyInfoPem(), is_current = true },
            new { key_identifier = P384KeyId, key = P384Key.ExportSubjectPublicKeyInfoPem(), is_current = false },
        };
        if (LateKeyPublished)
        {
            keys.Add(new { key_identifier = LateKeyId, key = LateKey.ExportSubjectPublicKeyInfoPem(), is_current = false });
        }

        return Results.Json(new { public_keys = keys });
    }

    /// <summary>A report request for <paramref name="items"/>, signed by <paramref name="key"/> (default <see cref="Key"/>).</summary>
    public HttpRequestMessage Report(object items, ECDsa? key = null, string keyId = KeyId) =>
        Report(Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(items)), key, keyId);

    /// <summary>A report request for the raw <paramref name="body"/>, signed by <paramref name="key"/>.</summary>
    public HttpRequestMessage Report(byte[] body, ECDsa? key = null, string keyId = KeyId)
    {
        var signature = (key ?? Key).SignData(body, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return Signed(body, keyId, Convert.ToBase64String(signature));
    }

    /// <summary>A report request with the given body and signature headers as they are.</summary>
    public static HttpRequestMessage Signed(byte[] body, string keyId, string signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, global::Gateway.SecretScanning.SecretScanningEndpoint.Path)
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("Github-Public-Key-Identifier", keyId);
        request.Headers.Add("Github-Public-Key-Signature", signature);
        return request;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Key.Dispose();
        P384Key.Dispose();
        LateKey.Dispose();
    }
}
