using System.Net.Http.Headers;
using System.Text;
using Gateway.Client;
using Gateway.Signing.Digests;
using Gateway.Signing.Rfc9421;
using Gateway.Signing.SigV4;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Signing.Tests.Client;

/// <summary>The client handlers sign; the library verifies what a server would receive.</summary>
public sealed class SigningHandlerRoundTripTests
{
    private const string KeyId = "gwh_01HZX";
    private const string Secret = "gws_S3cr3t/with+symbols=";
    private static readonly DateTimeOffset Now = new(2025, 11, 22, 9, 30, 15, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Now);
    private readonly CapturingHandler _server = new();

    [Fact]
    public async Task Rfc9421_PostWithQueryAndBody_VerifiesAndMeetsRequirements()
    {
        using var client = new HttpClient(new Rfc9421SigningHandler(new Rfc9421SigningOptions { KeyId = KeyId, Secret = Secret }, _time, _server));

        using var response = await client.PostAsync("https://api.example.com/v1/runs?state=open&limit=5", new StringContent("{\"ref\":\"main\"}", Encoding.UTF8, "application/json"));

        var (request, body, _) = Assert.Single(_server.Received);
        Assert.Equal("{\"ref\":\"main\"}", Encoding.UTF8.GetString(body));
        Assert.True(request.TryGetHeader("Content-Type", out var contentType));
        Assert.Equal("application/json; charset=utf-8", contentType.ToString());
        Assert.Equal(Rfc9421Error.None, Rfc9421Parser.Parse(request).TrySelect(null, out var signature));
        Assert.Equal("sig1", signature!.Label);
        Assert.Equal(["@method", "@authority", "@path", "@query", "content-digest"], signature.Components.Select(c => c.Name));
        Assert.Equal(Now.ToUnixTimeSeconds(), signature.Created);
        Assert.Null(signature.Expires);
        Assert.Equal(KeyId, signature.KeyId);
        Assert.Equal("hmac-sha256", signature.Algorithm);
        Assert.Equal(Rfc9421Error.None, Rfc9421Requirements.Check(signature, request, hasBody: true));
        Assert.Equal(ContentDigestStatus.Valid, ContentDigest.Verify(request, body));
        Assert.Equal(Rfc9421Error.None, Rfc9421Verifier.Verify(request, signature, Secret));
        Assert.Equal(Rfc9421Error.SignatureMismatch, Rfc9421Verifier.Verify(request, signature, Secret + "x"));
    }

    [Fact]
    public async Task Rfc9421_GetWithoutQueryOrBody_CoversOnlyRequestLine()
    {
        var options = new Rfc9421SigningOptions { KeyId = KeyId, Secret = Secret, Label = "gw", Expiry = TimeSpan.FromMinutes(2) };
        using var client = new HttpClient(new Rfc9421SigningHandler(options, _time, _server));

        using var response = await client.GetAsync("http://localhost:8080/.gateway/whoami");

        var (request, _, hasContent) = Assert.Single(_server.Received);
        Assert.False(hasContent);
        Assert.False(request.TryGetHeader("Content-Digest", out _));
        Assert.Equal(Rfc9421Error.None, Rfc9421Parser.Parse(request).TrySelect("gw", out var signature));
        Assert.Equal(["@method", "@authority", "@path"], signature!.Components.Select(c => c.Name));
        Assert.Equal(Now.AddMinutes(2).ToUnixTimeSeconds(), signature.Expires);
        Assert.Equal(Rfc9421Error.None, Rfc9421Requirements.Check(signature, request, hasBody: false));
        Assert.Equal(Rfc9421Error.None, Rfc9421Verifier.Verify(request, signature, Secret));
    }

    [Fact]
    public async Task Rfc9421_NonceIsFreshAndLongEnough()
    {
        using var client = new HttpClient(new Rfc9421SigningHandler(new Rfc9421SigningOptions { KeyId = KeyId, Secret = Secret }, _time, _server));

        for (var i = 0; i < 3; i++)
        {
            using var response = await client.GetAsync("https://api.example.com/v1/ping");
        }

        var nonces = _server.Received
            .Select(r => Rfc9421Parser.Parse(r.Request).TrySelect(null, out var s) == Rfc9421Error.None ? s!.Nonce : null)
            .ToList();
        Assert.Equal(3, nonces.Distinct().Count());
        Assert.All(nonces, n => Assert.True(n!.Length >= 22, "a nonce must carry at least 128 bits"));
    }

    [Fact]
    public void Rfc9421_SyncSend_IsSignedToo()
    {
        using var client = new HttpClient(new Rfc9421SigningHandler(new Rfc9421SigningOptions { KeyId = KeyId, Secret = Secret }, _time, _server));
        using var message = new HttpRequestMessage(HttpMethod.Put, "https://api.example.com/v1/items/%7E1?x=a%20b")
        {
            Content = new StreamContent(new MemoryStream("streamed"u8.ToArray())),
        };

        using var response = client.Send(message);

        var (request, body, _) = Assert.Single(_server.Received);
        Assert.Equal("streamed", Encoding.UTF8.GetString(body));
        Assert.Equal(Rfc9421Error.None, Rfc9421Parser.Parse(request).TrySelect(null, out var signature));
        Assert.Equal(ContentDigestStatus.Valid, ContentDigest.Verify(request, body));
        Assert.Equal(Rfc9421Error.None, Rfc9421Verifier.Verify(request, signature!, Secret));
    }

    [Fact]
    public async Task Rfc9421_RequestChangedAfterSigning_FailsVerification()
    {
        using var client = new HttpClient(new Rfc9421SigningHandler(new Rfc9421SigningOptions { KeyId = KeyId, Secret = Secret }, _time, _server));
        using var response = await client.DeleteAsync("https://api.example.com/v1/items/1");
        var (request, _, _) = Assert.Single(_server.Received);
        var moved = new SignableRequest(request.Method, request.Scheme, request.Authority, "/v1/items/2", request.Query);
        foreach (var name in request.HeaderNames)
        {
            request.TryGetHeader(name, out var values);
            moved.SetHeader(name, values);
        }

        Assert.Equal(Rfc9421Error.None, Rfc9421Parser.Parse(moved).TrySelect(null, out var signature));
        Assert.Equal(Rfc9421Error.SignatureMismatch, Rfc9421Verifier.Verify(moved, signature!, Secret));
    }

    [Fact]
    public async Task SigV4_PostWithBody_Verifies()
    {
        using var client = new HttpClient(new SigV4SigningHandler(new SigV4SigningOptions { AccessKeyId = KeyId, Secret = Secret }, _time, _server));

        using var response = await client.PostAsync("https://api.example.com:8443/v1/runs?b=2&a=1", new ByteArrayContent("payload"u8.ToArray()));

        var (request, body, _) = Assert.Single(_server.Received);
        var parsed = SigV4Parser.Parse(request);
        Assert.Equal(SigV4Error.None, parsed.Error);
        Assert.Equal(KeyId, parsed.Authorization!.Credential.AccessKeyId);
        Assert.Equal("us-east-1", parsed.Authorization.Credential.Region);
        Assert.Equal("gateway", parsed.Authorization.Credential.Service);
        Assert.Equal(["host", "x-amz-content-sha256", "x-amz-date"], parsed.Authorization.SignedHeaders);
        Assert.Equal(Now, parsed.RequestTime);
        Assert.True(request.TryGetHeader("X-Amz-Content-Sha256", out var payloadHash));
        Assert.True(SigV4Payload.Matches(payloadHash, body));
        Assert.Equal(SigV4Error.None, SigV4Verifier.Verify(request, parsed, payloadHash.ToString(), Secret));
        Assert.Equal(SigV4Error.SignatureMismatch, SigV4Verifier.Verify(request, parsed, SigV4Payload.ComputeHash("other"u8), Secret));
    }

    [Fact]
    public async Task SigV4_ConfiguredScopeAndLaterTime_AreSigned()
    {
        var options = new SigV4SigningOptions { AccessKeyId = KeyId, Secret = Secret, Region = "eu-west-1", Service = "ci" };
        using var client = new HttpClient(new SigV4SigningHandler(options, _time, _server));

        using var first = await client.GetAsync("https://api.example.com/v1/a%20b/");
        _time.Advance(TimeSpan.FromSeconds(1));
        using var second = await client.GetAsync("https://api.example.com/v1/a%20b/");

        Assert.Equal(2, _server.Received.Count);
        var signatures = new List<string>();
        foreach (var (request, body, _) in _server.Received)
        {
            var parsed = SigV4Parser.Parse(request);
            Assert.Equal("eu-west-1", parsed.Authorization!.Credential.Region);
            Assert.Equal("ci", parsed.Authorization.Credential.Service);
            Assert.Equal(SigV4Error.None, SigV4Verifier.Verify(request, parsed, SigV4Payload.ComputeHash(body), Secret));
            signatures.Add(parsed.Authorization.SignatureHex);
        }

        Assert.NotEqual(signatures[0], signatures[1]);
    }

    [Fact]
    public async Task Bearer_AddsAuthorizationHeader()
    {
        using var client = new HttpClient(new BearerTokenHandler(new BearerTokenOptions { Token = "gwk_abc123" }, _server));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", "old");

        using var response = await client.GetAsync("https://api.example.com/v1/ping");

        var (request, _, _) = Assert.Single(_server.Received);
        Assert.True(request.TryGetHeader("Authorization", out var authorization));
        Assert.Equal("Bearer gwk_abc123", authorization.ToString());
    }

    [Theory]
    [InlineData("https://Example.com:443/x", "example.com")]
    [InlineData("http://example.com:8080/x", "example.com:8080")]
    [InlineData("http://[::1]:8080/x", "[::1]:8080")]
    [InlineData("http://127.0.0.1/x", "127.0.0.1")]
    public void Adapter_Authority_IsTheHostHttpClientSends(string url, string expected)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, url);

        var adapter = new HttpRequestMessageSignableRequest(message);

        Assert.Equal(expected, adapter.Authority);
        Assert.True(adapter.TryGetHeader("host", out var host));
        Assert.Equal(expected, host.ToString());
    }

    [Fact]
    public void Adapter_RelativeUri_Throws()
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, "/relative");

        Assert.Throws<InvalidOperationException>(() => new HttpRequestMessageSignableRequest(message));
    }
}
