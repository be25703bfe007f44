using System.Net;
using System.Text;
using Gateway.Client;
using Gateway.FunctionalTests.Infrastructure;
using Gateway.Signing.SigV4;

namespace Gateway.FunctionalTests.Signing;

/// <summary>AWS SigV4 signed requests through a real gateway to a real upstream.</summary>
public sealed class SigV4AuthenticationTests(SigningFixture fixture) : IClassFixture<SigningFixture>
{
    private GatewayHost Gateway => fixture.Gateway;

    private async Task<SigV4RequestSigner> NewSignerAsync(string name)
    {
        var (_, keyId, secret) = await Gateway.CreateHmacCallerAsync(name);
        return new SigV4RequestSigner(Gateway.Proxy.BaseAddress!, keyId, secret);
    }

    private HttpClient HandlerClient(string keyId, string secret, string region = "us-east-1", string service = "gateway") =>
        new(new SigV4SigningHandler(
            new SigV4SigningOptions { AccessKeyId = keyId, Secret = secret, Region = region, Service = service }, null, new SocketsHttpHandler()))
        {
            BaseAddress = Gateway.Proxy.BaseAddress,
        };

    private static void AssertSigV4Identity(Echo echo, string keyId)
    {
        Assert.Equal("aws-sigv4", echo.Header("X-Gateway-Auth-Scheme"));
        Assert.Equal(keyId, echo.Header("X-Gateway-Key-Id"));
        Assert.Null(echo.Header("Authorization"));
        Assert.DoesNotContain(echo.Headers.Keys, name => name.StartsWith("X-Amz-", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task SigningHandler_GetWithQuery_ReachesUpstream()
    {
        var (_, keyId, secret) = await Gateway.CreateHmacCallerAsync("sigv4-get");
        using var client = HandlerClient(keyId, secret);
        var echo = await Echo.ReadAsync(await client.GetAsync("/echo/buckets?prefix=logs&max-keys=10"));
        Assert.Equal("/echo/buckets", echo.Path);
        Assert.Equal("?prefix=logs&max-keys=10", echo.Query);
        AssertSigV4Identity(echo, keyId);
    }

    [Fact]
    public async Task SigningHandler_PostWithBody_ReachesUpstream_AndTwoCallsBothSucceed()
    {
        var (_, keyId, secret) = await Gateway.CreateHmacCallerAsync("sigv4-post");
        using var client = HandlerClient(keyId, secret);
        var first = await Echo.ReadAsync(await client.PostAsync("/echo/runs", new StringContent("{\"ref\":\"main\"}", Encoding.UTF8, "application/json")));
        var second = await Echo.ReadAsync(await client.PostAsync("/echo/runs", new StringContent("{\"ref\":\"dev\"}", Encoding.UTF8, "application/json")));
        Assert.Equal("{\"ref\":\"main\"}", first.Body);
        Assert.Equal("{\"ref\":\"dev\"}", second.Body);
        AssertSigV4Identity(first, keyId);
        AssertSigV4Identity(second, keyId);
    }

    [Theory]
    [InlineData("eu-west-1", "gateway")]
    [InlineData("us-east-1", "s3")]
    [InlineData("US-EAST-1", "gateway")]
    public async Task SigningHandler_WrongRegionOrService_Is401MalformedCredentials(string region, string service)
    {
        var (_, keyId, secret) = await Gateway.CreateHmacCallerAsync($"sigv4-scope-{region}-{service}".ToLowerInvariant());
        using var client = HandlerClient(keyId, secret, region, service);
        await ProblemAssert.HasCodeAsync(await client.GetAsync("/echo/x"), HttpStatusCode.Unauthorized, "malformed_credentials");
    }

    [Fact]
    public async Task CredentialDateNotTheDayOfXAmzDate_Is401MalformedCredentials()
    {
        var signer = await NewSignerAsync("sigv4-date-scope");
        var request = signer.Sign("GET", "/echo/x");
        var authorization = request.Header("Authorization")!;
        var day = request.Header("X-Amz-Date")![..8];
        var otherDay = DateOnly.ParseExact(day, "yyyyMMdd").AddDays(-1).ToString("yyyyMMdd");
        var tampered = request.WithHeader("Authorization", authorization.Replace("/" + day + "/", "/" + otherDay + "/", StringComparison.Ordinal));
        await ProblemAssert.HasCodeAsync(await tampered.SendAsync(Gateway.Proxy), HttpStatusCode.Unauthorized, "malformed_credentials");
    }

    [Theory]
    [InlineData(-10)]
    [InlineData(10)]
    public async Task XAmzDateOutsideTheSkew_Is401SignatureExpired(int minutes)
    {
        var signer = await NewSignerAsync($"sigv4-skew{minutes}");
        var request = signer.Sign("GET", "/echo/x", date: DateTimeOffset.UtcNow.AddMinutes(minutes));
        await ProblemAssert.HasCodeAsync(await request.SendAsync(Gateway.Proxy), HttpStatusCode.Unauthorized, "signature_expired");
    }

    [Fact]
    public async Task ContentSha256NotMatchingTheBody_Is401DigestMismatch()
    {
        var signer = await NewSignerAsync("sigv4-digest");
        var request = signer.Sign("POST", "/echo/x", "{\"n\":1}"u8.ToArray(), payloadHash: SigV4Payload.ComputeHash("{\"n\":2}"u8));
        await ProblemAssert.HasCodeAsync(await request.SendAsync(Gateway.Proxy), HttpStatusCode.Unauthorized, "digest_mismatch");
    }

    [Fact]
    public async Task BodyChangedAfterSigning_WithContentSha256Kept_Is401DigestMismatch()
    {
        var signer = await NewSignerAsync("sigv4-body-kept-hash");
        var request = signer.Sign("POST", "/echo/x", "{\"n\":1}"u8.ToArray());
        var response = await (request with { Body = "{\"n\":9}"u8.ToArray() }).SendAsync(Gateway.Proxy);
        await ProblemAssert.HasCodeAsync(response, HttpStatusCode.Unauthorized, "digest_mismatch");
    }

    [Fact]
    public async Task WithoutContentSha256_ThePayloadHashIsComputed_AndTheRequestIsAccepted()
    {
        var signer = await NewSignerAsync("sigv4-no-hash");
        var request = signer.Sign("POST", "/echo/x", "{\"n\":1}"u8.ToArray(), sendPayloadHash: false);
        Assert.Null(request.Header("X-Amz-Content-Sha256"));
        Assert.Equal("{\"n\":1}", (await Echo.ReadAsync(await request.SendAsync(Gateway.Proxy))).Body);
    }

    public static TheoryData<string> Tamperings() => ["method", "path", "query", "body-without-hash", "body-with-recomputed-hash", "host", "date", "signature"];

    [Theory]
    [MemberData(nameof(Tamperings))]
    public async Task AlteredAfterSigning_Is401InvalidCredentials_AndTheGenuineRequestStillPasses(string part)
    {
        var signer = await NewSignerAsync("sigv4-tamper-" + part);
        var body = "{\"image\":\"app:1\"}"u8.ToArray();
        var evil = "{\"image\":\"evil\"}"u8.ToArray();
        var signed = signer.Sign("POST", "/echo/deploy?env=prod&wait=1", body, sendPayloadHash: part != "body-without-hash");
        var tampered = part switch
        {
            "method" => signed with { Method = "PUT" },
            "path" => signed with { Path = "/echo/deplay" },
            "query" => signed with { Query = "?env=dev&wait=1" },
            "body-without-hash" => signed with { Body = evil },
            "body-with-recomputed-hash" => (signed with { Body = evil }).WithHeader("X-Amz-Content-Sha256", SigV4Payload.ComputeHash(evil)),
            "host" => signed with { Authority = "localhost:" + Gateway.Proxy.BaseAddress!.Port },
            "date" => signed.WithHeader("X-Amz-Date", signed.Header("X-Amz-Date")![..^3] + (signed.Header("X-Amz-Date")![^3..^1] == "00" ? "01" : "00") + "Z"),
            "signature" => signed.WithHeader("Authorization", signed.Header("Authorization")![..^64] + new string('0', 64)),
            _ => throw new ArgumentOutOfRangeException(nameof(part)),
        };
        Assert.NotEqual(signed, tampered);

        await ProblemAssert.HasCodeAsync(await tampered.SendAsync(Gateway.Proxy), HttpStatusCode.Unauthorized, "invalid_credentials");
        Assert.Equal(HttpStatusCode.OK, (await signed.SendAsync(Gateway.Proxy)).StatusCode);
    }

    [Fact]
    public async Task SameRequestTwice_SecondIsReplayedRequest()
    {
        var signer = await NewSignerAsync("sigv4-replay");
        var request = signer.Sign("GET", "/echo/objects?list-type=2");
        Assert.Equal(HttpStatusCode.OK, (await request.SendAsync(Gateway.Proxy)).StatusCode);
        await ProblemAssert.HasCodeAsync(await request.SendAsync(Gateway.Proxy), HttpStatusCode.Unauthorized, "replayed_request");
    }

    [Fact]
    public async Task SameRequestResentWithItsSignatureInUppercaseHex_IsStillAReplay_EitherWayRound()
    {
        // The replay key is the lowercase hex: the header's own characters when sent in lowercase, made otherwise.
        var signer = await NewSignerAsync("sigv4-replay-case");
        foreach (var uppercaseFirst in new[] { false, true })
        {
            var request = signer.Sign("GET", "/echo/objects?case=" + uppercaseFirst);
            var authorization = request.Header("Authorization")!;
            var signature = authorization[(authorization.IndexOf("Signature=", StringComparison.Ordinal) + "Signature=".Length)..];
            var uppercase = request.WithHeader("Authorization", authorization.Replace(signature, signature.ToUpperInvariant(), StringComparison.Ordinal));
            var (first, second) = uppercaseFirst ? (uppercase, request) : (request, uppercase);

            Assert.Equal(HttpStatusCode.OK, (await first.SendAsync(Gateway.Proxy)).StatusCode);
            await ProblemAssert.HasCodeAsync(await second.SendAsync(Gateway.Proxy), HttpStatusCode.Unauthorized, "replayed_request");
        }
    }

    [Fact]
    public async Task KnownKey_Twice_AndUnknownOrMalformedAccessKeyIds_Twice_AnswerAlike_FromTheStoreAndFromTheCache()
    {
        // The first request of a key id loads it (a string for the store), the second is answered by the credential
        // cache from the header's characters (a known key, or a key known not to exist): the same answers both times.
        var (_, knownKeyId, secret) = await Gateway.CreateHmacCallerAsync("sigv4-lookup-twice");
        var signer = new SigV4RequestSigner(Gateway.Proxy.BaseAddress!, knownKeyId, secret);
        for (var i = 0; i < 2; i++)
        {
            AssertSigV4Identity(await Echo.ReadAsync(await signer.Sign("GET", "/echo/lookup?i=" + i).SendAsync(Gateway.Proxy)), knownKeyId);
        }

        foreach (var keyId in new[] { "ak_0123456789abcdEG", knownKeyId + "0", knownKeyId[..^1], "nobody" })
        {
            for (var i = 0; i < 2; i++)
            {
                var request = new SigV4RequestSigner(Gateway.Proxy.BaseAddress!, keyId, secret).Sign("GET", "/echo/lookup?i=" + i);
                await ProblemAssert.HasCodeAsync(await request.SendAsync(Gateway.Proxy), HttpStatusCode.Unauthorized, "invalid_credentials");
            }
        }
    }

    [Fact]
    public async Task UnsignedPayload_OnARouteThatDoesNotAllowIt_Is401MalformedCredentials()
    {
        var signer = await NewSignerAsync("sigv4-unsigned-refused");
        var request = signer.Sign("PUT", "/echo/objects/a", "data"u8.ToArray(), payloadHash: SigV4Constants.UnsignedPayload);
        await ProblemAssert.HasCodeAsync(await request.SendAsync(Gateway.Proxy), HttpStatusCode.Unauthorized, "malformed_credentials");
    }

    [Fact]
    public async Task UnsignedPayload_OnARouteThatAllowsIt_IsAccepted_EvenAboveTheBodyLimit()
    {
        var (_, keyId, secret) = await Gateway.CreateHmacCallerAsync("sigv4-unsigned-allowed");
        var body = Encoding.ASCII.GetBytes(new string('u', SigningFixture.MaxBodyBytes * 2));
        var request = new SigV4RequestSigner(Gateway.Proxy.BaseAddress!, keyId, secret)
            .Sign("PUT", "/unsigned/objects/a", body, payloadHash: SigV4Constants.UnsignedPayload);
        var echo = await Echo.ReadAsync(await request.SendAsync(Gateway.Proxy));
        Assert.Equal(body.Length, echo.Body.Length);
        AssertSigV4Identity(echo, keyId);
    }

    [Fact]
    public async Task BodyOverTheLimit_Is413PayloadTooLarge()
    {
        var signer = await NewSignerAsync("sigv4-too-large");
        var request = signer.Sign("POST", "/echo/upload", new byte[SigningFixture.MaxBodyBytes + 1]);
        await ProblemAssert.HasCodeAsync(await request.SendAsync(Gateway.Proxy), HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
    }

    [Fact]
    public async Task HostNotSigned_Is401MalformedCredentials()
    {
        var signer = await NewSignerAsync("sigv4-host-unsigned");
        var request = signer.Sign("GET", "/echo/x");
        var authorization = request.Header("Authorization")!.Replace("SignedHeaders=host;", "SignedHeaders=", StringComparison.Ordinal);
        await ProblemAssert.HasCodeAsync(await request.WithHeader("Authorization", authorization).SendAsync(Gateway.Proxy), HttpStatusCode.Unauthorized, "malformed_credentials");
    }

    [Fact]
    public async Task UnknownAccessKeyId_Is401InvalidCredentials()
    {
        var request = new SigV4RequestSigner(Gateway.Proxy.BaseAddress!, "ak_0123456789abcdEF", "gws_whatever").Sign("GET", "/echo/x");
        await ProblemAssert.HasCodeAsync(await request.SendAsync(Gateway.Proxy), HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task RevokedKey_WithValidSignature_Is401KeyRevoked()
    {
        var (account, keyId, secret) = await Gateway.CreateHmacCallerAsync("sigv4-revoked");
        Assert.Equal(HttpStatusCode.NoContent, (await Gateway.Admin.DeleteAsync($"/v1/service-accounts/{account}/keys/{keyId}")).StatusCode);
        var request = new SigV4RequestSigner(Gateway.Proxy.BaseAddress!, keyId, secret).Sign("GET", "/echo/x");
        await ProblemAssert.HasCodeAsync(await request.SendAsync(Gateway.Proxy), HttpStatusCode.Unauthorized, "key_revoked");
    }
}
