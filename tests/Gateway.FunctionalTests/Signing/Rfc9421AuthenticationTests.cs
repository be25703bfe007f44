using System.Net;
using System.Text;
using Gateway.Client;
using Gateway.FunctionalTests.Infrastructure;
using Gateway.Signing.Digests;

namespace Gateway.FunctionalTests.Signing;

/// <summary>
/// RFC 9421 signed requests through a real gateway to a real upstream: what is accepted and forwarded, the key
/// states, body limit and digest, and replay.
/// </summary>
public sealed class Rfc9421AuthenticationTests(SigningFixture fixture) : IClassFixture<SigningFixture>
{
    private GatewayHost Gateway => fixture.Gateway;

    private async Task<Rfc9421RequestSigner> NewSignerAsync(string name)
    {
        var (_, keyId, secret) = await Gateway.CreateHmacCallerAsync(name);
        return new Rfc9421RequestSigner(Gateway.Proxy.BaseAddress!, keyId, secret);
    }

    private static void AssertSignedIdentity(Echo echo, string keyId)
    {
        Assert.Equal("rfc9421", echo.Header("X-Gateway-Auth-Scheme"));
        Assert.Equal(keyId, echo.Header("X-Gateway-Key-Id"));
        Assert.StartsWith("sa_", echo.Header("X-Gateway-Principal-Id"));
        Assert.Null(echo.Header("Signature"));
        Assert.Null(echo.Header("Signature-Input"));
    }

    [Fact]
    public async Task Get_ReachesUpstream_WithIdentity_AndWithoutSignatureHeaders()
    {
        var signer = await NewSignerAsync("rfc-get");
        var echo = await Echo.ReadAsync(await signer.Sign("GET", "/echo/items").SendAsync(Gateway.Proxy));
        Assert.Equal("GET", echo.Method);
        Assert.Equal("/echo/items", echo.Path);
        AssertSignedIdentity(echo, signer.KeyId);
    }

    [Fact]
    public async Task GetWithQuery_ReachesUpstream_WithTheQuery()
    {
        var signer = await NewSignerAsync("rfc-query");
        var echo = await Echo.ReadAsync(await signer.Sign("GET", "/echo/items?state=open&limit=5&state=closed").SendAsync(Gateway.Proxy));
        Assert.Equal("?state=open&limit=5&state=closed", echo.Query);
        AssertSignedIdentity(echo, signer.KeyId);
    }

    [Theory]
    [InlineData(ContentDigestAlgorithm.Sha256, "sha-256=:")]
    [InlineData(ContentDigestAlgorithm.Sha512, "sha-512=:")]
    public async Task PostWithBody_AndContentDigest_ReachesUpstream_WithTheBody(ContentDigestAlgorithm algorithm, string prefix)
    {
        var signer = await NewSignerAsync("rfc-post-" + prefix[..7]);
        var body = Encoding.UTF8.GetBytes("{\"ref\":\"main\",\"inputs\":{\"n\":1}}");
        var request = signer.Sign("POST", "/echo/runs?dry=1", body, [("Content-Type", "application/json")], ["content-type"], algorithm);
        Assert.StartsWith(prefix, request.Header("Content-Digest"));

        var echo = await Echo.ReadAsync(await request.SendAsync(Gateway.Proxy));

        Assert.Equal("POST", echo.Method);
        Assert.Equal("{\"ref\":\"main\",\"inputs\":{\"n\":1}}", echo.Body);
        Assert.Equal("application/json", echo.Header("Content-Type"));
        // Content-Digest is not a credential: it reaches the upstream unchanged, which can check the body with it.
        Assert.Equal(request.Header("Content-Digest"), echo.Header("Content-Digest"));
        AssertSignedIdentity(echo, signer.KeyId);
    }

    [Fact]
    public async Task ChunkedBodyWithinTheLimit_IsVerified_AndForwardedWhole()
    {
        var signer = await NewSignerAsync("rfc-chunked");
        var body = Encoding.ASCII.GetBytes(new string('c', SigningFixture.MaxBodyBytes));
        using var message = signer.Sign("PUT", "/echo/blob", body).ToMessage(Gateway.Proxy.BaseAddress!);
        var digest = message.Headers.GetValues("Content-Digest").Single();
        message.Content = new ChunkedContent(body);
        Assert.Null(message.Content.Headers.ContentLength);

        var echo = await Echo.ReadAsync(await Gateway.Proxy.SendAsync(message));

        Assert.Equal(new string('c', SigningFixture.MaxBodyBytes), echo.Body);
        Assert.Equal(digest, echo.Header("Content-Digest"));
        AssertSignedIdentity(echo, signer.KeyId);
    }

    [Fact]
    public async Task ForwardCredentialsRoute_PassesTheSignatureHeadersOn()
    {
        var signer = await NewSignerAsync("rfc-forward");
        var request = signer.Sign("GET", "/forward/x");
        var echo = await Echo.ReadAsync(await request.SendAsync(Gateway.Proxy));
        Assert.Equal(request.Header("Signature"), echo.Header("Signature"));
        Assert.Equal(request.Header("Signature-Input"), echo.Header("Signature-Input"));
        Assert.Equal("rfc9421", echo.Header("X-Gateway-Auth-Scheme"));
    }

    [Fact]
    public async Task ExpiresInTheFuture_IsAccepted()
    {
        var signer = await NewSignerAsync("rfc-expires-ok");
        var request = signer.Sign("GET", "/echo/x", adjust: p => p with { Expires = p.Created.AddSeconds(30) });
        Assert.Contains(";expires=", request.Header("Signature-Input"));
        Assert.Equal(HttpStatusCode.OK, (await request.SendAsync(Gateway.Proxy)).StatusCode);
    }

    [Fact]
    public async Task BodyAtTheLimit_IsAccepted()
    {
        var signer = await NewSignerAsync("rfc-at-limit");
        var body = new byte[SigningFixture.MaxBodyBytes];
        Array.Fill(body, (byte)'a');
        var response = await signer.Sign("POST", "/echo/upload", body).SendAsync(Gateway.Proxy);
        Assert.Equal(SigningFixture.MaxBodyBytes, (await Echo.ReadAsync(response)).Body.Length);
    }

    [Fact]
    public async Task BodyOverTheLimit_Is413PayloadTooLarge()
    {
        var signer = await NewSignerAsync("rfc-too-large");
        var body = new byte[SigningFixture.MaxBodyBytes + 1];
        var response = await signer.Sign("POST", "/echo/upload", body).SendAsync(Gateway.Proxy);
        await ProblemAssert.HasCodeAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
    }

    [Fact]
    public async Task ChunkedBodyOverTheLimit_Is413PayloadTooLarge()
    {
        var signer = await NewSignerAsync("rfc-too-large-chunked");
        var body = new byte[SigningFixture.MaxBodyBytes * 3];
        using var message = signer.Sign("POST", "/echo/upload", body).ToMessage(Gateway.Proxy.BaseAddress!);
        message.Content = new ChunkedContent(body);
        await ProblemAssert.HasCodeAsync(await Gateway.Proxy.SendAsync(message), HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
    }

    [Fact]
    public async Task ContentDigestNotMatchingTheBody_Is401DigestMismatch()
    {
        var signer = await NewSignerAsync("rfc-digest");
        var request = signer.Sign("POST", "/echo/runs", "{\"n\":1}"u8.ToArray());
        var response = await (request with { Body = "{\"n\":2}"u8.ToArray() }).SendAsync(Gateway.Proxy);
        await ProblemAssert.HasCodeAsync(response, HttpStatusCode.Unauthorized, "digest_mismatch");
    }

    [Fact]
    public async Task OneOfTwoDigestsNotMatchingTheBody_Is401DigestMismatch()
    {
        var signer = await NewSignerAsync("rfc-digest-two");
        var body = "payload"u8.ToArray();
        var both = ContentDigest.Create(body) + ", " + ContentDigest.Create("other"u8, ContentDigestAlgorithm.Sha512);
        var request = signer.Sign("POST", "/echo/runs", body).WithHeader("Content-Digest", both);
        await ProblemAssert.HasCodeAsync(await request.SendAsync(Gateway.Proxy), HttpStatusCode.Unauthorized, "digest_mismatch");
    }

    [Fact]
    public async Task BodyWithoutContentDigestHeader_Is401MalformedCredentials()
    {
        var signer = await NewSignerAsync("rfc-no-digest");
        var request = signer.Sign("POST", "/echo/runs", "{}"u8.ToArray()).WithoutHeader("Content-Digest");
        await ProblemAssert.HasCodeAsync(await request.SendAsync(Gateway.Proxy), HttpStatusCode.Unauthorized, "malformed_credentials");
    }

    [Fact]
    public async Task SameRequestTwice_SecondIsReplayedRequest()
    {
        var signer = await NewSignerAsync("rfc-replay");
        var request = signer.Sign("POST", "/echo/deploy", "{\"env\":\"prod\"}"u8.ToArray());

        Assert.Equal(HttpStatusCode.OK, (await request.SendAsync(Gateway.Proxy)).StatusCode);
        await ProblemAssert.HasCodeAsync(await request.SendAsync(Gateway.Proxy), HttpStatusCode.Unauthorized, "replayed_request");
        await ProblemAssert.HasCodeAsync(await request.SendAsync(Gateway.Proxy), HttpStatusCode.Unauthorized, "replayed_request");
    }

    [Fact]
    public async Task SameNonce_ForAnotherKey_IsNotAReplay()
    {
        var first = await NewSignerAsync("rfc-nonce-a");
        var second = await NewSignerAsync("rfc-nonce-b");
        var nonce = Rfc9421RequestSigner.NewNonce();
        Assert.Equal(HttpStatusCode.OK, (await first.Sign("GET", "/echo/x", adjust: p => p with { Nonce = nonce }).SendAsync(Gateway.Proxy)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.Sign("GET", "/echo/x", adjust: p => p with { Nonce = nonce }).SendAsync(Gateway.Proxy)).StatusCode);
    }

    [Fact]
    public async Task SameNonce_ReSignedForAnotherPath_IsStillAReplay()
    {
        var signer = await NewSignerAsync("rfc-nonce-reuse");
        var nonce = Rfc9421RequestSigner.NewNonce();
        Assert.Equal(HttpStatusCode.OK, (await signer.Sign("GET", "/echo/a", adjust: p => p with { Nonce = nonce }).SendAsync(Gateway.Proxy)).StatusCode);
        var response = await signer.Sign("GET", "/echo/b", adjust: p => p with { Nonce = nonce }).SendAsync(Gateway.Proxy);
        await ProblemAssert.HasCodeAsync(response, HttpStatusCode.Unauthorized, "replayed_request");
    }

    [Fact]
    public async Task RevokedKey_WithValidSignature_Is401KeyRevoked_AndWithWrongSecret_InvalidCredentials()
    {
        var (account, keyId, secret) = await Gateway.CreateHmacCallerAsync("rfc-revoked");
        Assert.Equal(HttpStatusCode.NoContent, (await Gateway.Admin.DeleteAsync($"/v1/service-accounts/{account}/keys/{keyId}")).StatusCode);

        var valid = new Rfc9421RequestSigner(Gateway.Proxy.BaseAddress!, keyId, secret).Sign("GET", "/echo/x");
        await ProblemAssert.HasCodeAsync(await valid.SendAsync(Gateway.Proxy), HttpStatusCode.Unauthorized, "key_revoked");

        var forged = new Rfc9421RequestSigner(Gateway.Proxy.BaseAddress!, keyId, secret[..^1] + (secret[^1] == 'a' ? 'b' : 'a')).Sign("GET", "/echo/x");
        await ProblemAssert.HasCodeAsync(await forged.SendAsync(Gateway.Proxy), HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task DisabledAccount_WithValidSignature_Is401AccountDisabled()
    {
        var (account, keyId, secret) = await Gateway.CreateHmacCallerAsync("rfc-disabled");
        using var patch = new HttpRequestMessage(HttpMethod.Patch, $"/v1/service-accounts/{account}")
        {
            Content = new StringContent("{\"status\":\"disabled\"}", Encoding.UTF8, "application/json"),
        };
        Assert.Equal(HttpStatusCode.OK, (await Gateway.Admin.SendAsync(patch)).StatusCode);

        var request = new Rfc9421RequestSigner(Gateway.Proxy.BaseAddress!, keyId, secret).Sign("GET", "/echo/x");
        await ProblemAssert.HasCodeAsync(await request.SendAsync(Gateway.Proxy), HttpStatusCode.Unauthorized, "account_disabled");
    }

    [Fact]
    public async Task UnknownKeyId_LooksLikeAWrongSecret()
    {
        var signer = await NewSignerAsync("rfc-unknown");
        var wrongSecret = new Rfc9421RequestSigner(Gateway.Proxy.BaseAddress!, signer.KeyId, signer.Secret + "x").Sign("GET", "/echo/x");
        var unknown = new Rfc9421RequestSigner(Gateway.Proxy.BaseAddress!, "ak_0123456789abcdEF", signer.Secret).Sign("GET", "/echo/x");
        var notAnId = new Rfc9421RequestSigner(Gateway.Proxy.BaseAddress!, "nobody", signer.Secret).Sign("GET", "/echo/x");

        var expected = await ProblemAssert.HasCodeAsync(await wrongSecret.SendAsync(Gateway.Proxy), HttpStatusCode.Unauthorized, "invalid_credentials");
        foreach (var request in new[] { unknown, notAnId })
        {
            var problem = await ProblemAssert.HasCodeAsync(await request.SendAsync(Gateway.Proxy), HttpStatusCode.Unauthorized, "invalid_credentials");
            Assert.Equal(expected.GetProperty("detail").GetString(), problem.GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task KnownKey_Twice_AndUnknownOrMalformedKeyIds_Twice_AnswerAlike_FromTheStoreAndFromTheCache()
    {
        // The first request of a key id loads it (a string for the store), the second is answered by the credential
        // cache from the Signature-Input header's characters (a known key, or a key known not to exist).
        var signer = await NewSignerAsync("rfc-lookup-twice");
        for (var i = 0; i < 2; i++)
        {
            var echo = await Echo.ReadAsync(await signer.Sign("GET", "/echo/lookup?i=" + i).SendAsync(Gateway.Proxy));
            Assert.Equal(signer.KeyId, echo.Header("X-Gateway-Key-Id"));
        }

        var expected = await ProblemAssert.HasCodeAsync(
            await new Rfc9421RequestSigner(Gateway.Proxy.BaseAddress!, signer.KeyId, signer.Secret + "x").Sign("GET", "/echo/x").SendAsync(Gateway.Proxy),
            HttpStatusCode.Unauthorized, "invalid_credentials");
        foreach (var keyId in new[] { "ak_0123456789abcdEG", signer.KeyId + "0", signer.KeyId[..^1], "" })
        {
            for (var i = 0; i < 2; i++)
            {
                var request = new Rfc9421RequestSigner(Gateway.Proxy.BaseAddress!, keyId, signer.Secret).Sign("GET", "/echo/lookup?i=" + i);
                var problem = await ProblemAssert.HasCodeAsync(await request.SendAsync(Gateway.Proxy), HttpStatusCode.Unauthorized, "invalid_credentials");
                Assert.Equal(expected.GetProperty("detail").GetString(), problem.GetProperty("detail").GetString());
            }
        }
    }

    [Fact]
    public async Task BearerKeyIdAsKeyId_Is401InvalidCredentials_EvenSignedWithItsToken()
    {
        var (_, bearerKeyId, token) = await Gateway.CreateCallerAsync("rfc-bearer-as-hmac");
        var request = new Rfc9421RequestSigner(Gateway.Proxy.BaseAddress!, bearerKeyId, token).Sign("GET", "/echo/x");
        await ProblemAssert.HasCodeAsync(await request.SendAsync(Gateway.Proxy), HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task ClientSigningHandler_TwoCalls_BothSucceed_WithAFreshNonceEach()
    {
        var (_, keyId, secret) = await Gateway.CreateHmacCallerAsync("rfc-client-handler");
        using var client = new HttpClient(new Rfc9421SigningHandler(
            new Rfc9421SigningOptions { KeyId = keyId, Secret = secret, Expiry = TimeSpan.FromMinutes(1) }, null, new SocketsHttpHandler()))
        {
            BaseAddress = Gateway.Proxy.BaseAddress,
        };

        var get = await Echo.ReadAsync(await client.GetAsync("/echo/jobs?page=2"));
        var post = await Echo.ReadAsync(await client.PostAsync("/echo/jobs", new StringContent("{\"name\":\"build\"}", Encoding.UTF8, "application/json")));

        AssertSignedIdentity(get, keyId);
        Assert.Equal("?page=2", get.Query);
        AssertSignedIdentity(post, keyId);
        Assert.Equal("{\"name\":\"build\"}", post.Body);
        Assert.StartsWith("sha-256=:", post.Header("Content-Digest"));
    }

    [Fact]
    public async Task ClientSigningHandler_OnTheWhoAmIEndpoint_ReportsTheSignedScheme()
    {
        var (account, keyId, secret) = await Gateway.CreateHmacCallerAsync("rfc-whoami");
        using var client = new HttpClient(new Rfc9421SigningHandler(new Rfc9421SigningOptions { KeyId = keyId, Secret = secret }, null, new SocketsHttpHandler()))
        {
            BaseAddress = Gateway.Proxy.BaseAddress,
        };

        var response = await client.GetAsync("/.gateway/whoami");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Contains(account, body);
        Assert.Contains(keyId, body);
        Assert.Contains("rfc9421", body);
    }
}
