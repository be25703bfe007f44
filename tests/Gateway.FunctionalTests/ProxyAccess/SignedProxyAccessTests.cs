using System.Net;
using Gateway.Authentication;
using Gateway.Authentication.ApiKey;
using Gateway.FunctionalTests.Infrastructure;
using Gateway.ProxyAccess;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.FunctionalTests.ProxyAccess;

/// <summary>
/// The proxy access step answers a verified signed request on a default-policy route itself (no authentication
/// handler resolved), and leaves every other signed request — a bad or stale signature, a tampered body, a replay,
/// an allowlist refusal, an unavailable nonce store, an anonymous route — to ASP.NET Core, with the same answers as
/// before and each signature verified, counted and its nonce reserved exactly once.
/// </summary>
public sealed class SignedProxyAccessTests(HandlerCountingFixture fixture) : IClassFixture<HandlerCountingFixture>
{
    private const string ReserveNonce = "gateway_store_operation_duration_seconds_count{store=\"memory\",operation=\"reserve_nonce\"}";

    private GatewayHost Gateway => fixture.Gateway;

    private static string Authentications(string scheme, string result, string reason) =>
        $"gateway_authentication_total{{scheme=\"{scheme}\",result=\"{result}\",reason=\"{reason}\"}}";

    private async Task<Rfc9421RequestSigner> NewSignerAsync(string name)
    {
        var (_, keyId, secret) = await Gateway.CreateHmacCallerAsync(name);
        return new Rfc9421RequestSigner(Gateway.Proxy.BaseAddress!, keyId, secret);
    }

    [Fact]
    public async Task Rfc9421OnADefaultPolicyRoute_IsAnsweredByTheStep_VerifiedAndReservedOnce_AndForwardsTheIdentity()
    {
        var (accountId, keyId, secret) = await Gateway.CreateHmacCallerAsync("step-rfc9421");
        var signer = new Rfc9421RequestSigner(Gateway.Proxy.BaseAddress!, keyId, secret);
        var before = await PrometheusScrape.ReadAsync(Gateway.Status);
        var resolutions = fixture.Resolutions;

        var echo = await Echo.ReadAsync(await signer.Sign("POST", "/echo/signed", "{\"n\":1}"u8.ToArray()).SendAsync(Gateway.Proxy));

        Assert.Equal(resolutions, fixture.Resolutions);
        Assert.Equal(accountId, echo.Header("X-Gateway-Principal-Id"));
        Assert.Equal(keyId, echo.Header("X-Gateway-Key-Id"));
        Assert.Equal(AuthSchemeNames.Rfc9421, echo.Header("X-Gateway-Auth-Scheme"));
        Assert.Equal("{\"n\":1}", echo.Body);
        Assert.Null(echo.Header("Signature-Input"));
        Assert.Null(echo.Header("Signature"));
        var after = await PrometheusScrape.ReadAsync(Gateway.Status);
        Assert.Equal(1, after.Delta(before, Authentications(AuthSchemeNames.Rfc9421, "success", "ok")));
        Assert.Equal(1, after.Delta(before, ReserveNonce));
    }

    [Fact]
    public async Task SigV4OnADefaultPolicyRoute_IsAnsweredByTheStep_AndCountedOnce()
    {
        var (accountId, keyId, secret) = await Gateway.CreateHmacCallerAsync("step-sigv4");
        var signer = new SigV4RequestSigner(Gateway.Proxy.BaseAddress!, keyId, secret);
        var before = await PrometheusScrape.ReadAsync(Gateway.Status);
        var resolutions = fixture.Resolutions;

        var echo = await Echo.ReadAsync(await signer.Sign("GET", "/echo/sigv4").SendAsync(Gateway.Proxy));

        Assert.Equal(resolutions, fixture.Resolutions);
        Assert.Equal(accountId, echo.Header("X-Gateway-Principal-Id"));
        Assert.Equal(AuthSchemeNames.AwsSigV4, echo.Header("X-Gateway-Auth-Scheme"));
        Assert.Null(echo.Header("Authorization"));
        var after = await PrometheusScrape.ReadAsync(Gateway.Status);
        Assert.Equal(1, after.Delta(before, Authentications(AuthSchemeNames.AwsSigV4, "success", "ok")));
        Assert.Equal(1, after.Delta(before, ReserveNonce));
    }

    [Fact]
    public async Task ForgedSignature_TakesTheFrameworkPath_Is401WithEveryChallenge_VerifiedOnce_AndReservesNothing()
    {
        var (_, keyId, secret) = await Gateway.CreateHmacCallerAsync("step-forged");
        var forged = new Rfc9421RequestSigner(Gateway.Proxy.BaseAddress!, keyId, secret + "x").Sign("GET", "/echo/forged");
        var before = await PrometheusScrape.ReadAsync(Gateway.Status);
        var resolutions = fixture.Resolutions;

        var response = await forged.SendAsync(Gateway.Proxy);

        await ProblemAssert.HasCodeAsync(response, HttpStatusCode.Unauthorized, "invalid_credentials");
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Signature");
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "AWS4-HMAC-SHA256");
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        Assert.True(fixture.Resolutions > resolutions);
        var after = await PrometheusScrape.ReadAsync(Gateway.Status);
        Assert.Equal(1, after.Delta(before, Authentications(AuthSchemeNames.Rfc9421, "failure", "invalid_credentials")));
        Assert.Equal(0, after.Delta(before, ReserveNonce));
    }

    [Fact]
    public async Task StaleSignature_IsRefused401_CountedOnce_AndReservesNothing()
    {
        var signer = await NewSignerAsync("step-stale");
        var stale = signer.Sign("GET", "/echo/stale", adjust: p => p with { Created = DateTimeOffset.UtcNow.AddHours(-1) });
        var before = await PrometheusScrape.ReadAsync(Gateway.Status);

        await ProblemAssert.HasCodeAsync(await stale.SendAsync(Gateway.Proxy), HttpStatusCode.Unauthorized, "signature_expired");

        var after = await PrometheusScrape.ReadAsync(Gateway.Status);
        Assert.Equal(1, after.Delta(before, Authentications(AuthSchemeNames.Rfc9421, "failure", "signature_expired")));
        Assert.Equal(0, after.Delta(before, ReserveNonce));
    }

    [Fact]
    public async Task BodyNotMatchingItsSignedDigest_IsRefused401_AndNeverReachesTheUpstream()
    {
        var signer = await NewSignerAsync("step-digest");
        var signed = signer.Sign("POST", "/echo/digest", "{\"n\":1}"u8.ToArray());
        var before = await PrometheusScrape.ReadAsync(Gateway.Status);

        var response = await (signed with { Body = "{\"n\":2}"u8.ToArray() }).SendAsync(Gateway.Proxy);

        await ProblemAssert.HasCodeAsync(response, HttpStatusCode.Unauthorized, "digest_mismatch");
        var after = await PrometheusScrape.ReadAsync(Gateway.Status);
        Assert.Equal(1, after.Delta(before, Authentications(AuthSchemeNames.Rfc9421, "failure", "digest_mismatch")));
        Assert.Equal(0, after.Delta(before, ReserveNonce));
    }

    [Fact]
    public async Task Replay_IsRefused401_OnTheFrameworkPath_AndCountedOnce()
    {
        var signer = await NewSignerAsync("step-replay");
        var signed = signer.Sign("GET", "/echo/replay");
        Assert.Equal(HttpStatusCode.OK, (await signed.SendAsync(Gateway.Proxy)).StatusCode);
        var before = await PrometheusScrape.ReadAsync(Gateway.Status);
        var resolutions = fixture.Resolutions;

        var replayed = await signed.SendAsync(Gateway.Proxy);

        await ProblemAssert.HasCodeAsync(replayed, HttpStatusCode.Unauthorized, "replayed_request");
        Assert.True(fixture.Resolutions > resolutions);
        var after = await PrometheusScrape.ReadAsync(Gateway.Status);
        Assert.Equal(1, after.Delta(before, Authentications(AuthSchemeNames.Rfc9421, "failure", "replayed_request")));
        Assert.Equal(1, after.Delta(before, $"gateway_replay_rejections_total{{scheme=\"{AuthSchemeNames.Rfc9421}\"}}"));
        Assert.Equal(1, after.Delta(before, ReserveNonce));
    }

    [Fact]
    public async Task RefusedByTheAllowlist_Is403_AuthenticatedAndReservedOnce_AndTheNonceStaysTaken()
    {
        var accountId = await Gateway.CreateAccountAsync("step-refused", allowedCidrs: ["10.0.0.0/8"]);
        var (keyId, secret) = await Gateway.CreateHmacKeyAsync(accountId);
        var signed = new Rfc9421RequestSigner(Gateway.Proxy.BaseAddress!, keyId, secret).Sign("GET", "/echo/refused");
        var before = await PrometheusScrape.ReadAsync(Gateway.Status);
        var resolutions = fixture.Resolutions;

        var response = await signed.SendAsync(Gateway.Proxy);

        // A second reservation of the same nonce would have answered 401 replayed_request instead.
        await ProblemAssert.HasCodeAsync(response, HttpStatusCode.Forbidden, "ip_not_allowed");
        Assert.True(fixture.Resolutions > resolutions);
        var after = await PrometheusScrape.ReadAsync(Gateway.Status);
        Assert.Equal(1, after.Delta(before, Authentications(AuthSchemeNames.Rfc9421, "success", "ok")));
        Assert.Equal(1, after.Delta(before, ReserveNonce));
        await ProblemAssert.HasCodeAsync(await signed.SendAsync(Gateway.Proxy), HttpStatusCode.Unauthorized, "replayed_request");
    }

    [Fact]
    public async Task SignedRequestOnAnAnonymousRoute_TakesTheFrameworkPath_AndStillForwardsTheIdentity()
    {
        var (accountId, keyId, secret) = await Gateway.CreateHmacCallerAsync("step-anonymous");
        var signed = new Rfc9421RequestSigner(Gateway.Proxy.BaseAddress!, keyId, secret).Sign("GET", "/public/signed");
        var resolutions = fixture.Resolutions;

        var echo = await Echo.ReadAsync(await signed.SendAsync(Gateway.Proxy));

        Assert.True(fixture.Resolutions > resolutions);
        Assert.Equal(accountId, echo.Header("X-Gateway-Principal-Id"));
    }

    [Fact]
    public async Task NonceStoreUnavailable_Is503_OnTheFrameworkPath_CountedOnce_AndBearerKeysStillTakeTheStep()
    {
        await using var redis = await RedisServer.LaunchAsync();
        var outage = new HandlerCountingFixture
        {
            Settings = new Dictionary<string, string?> { ["Gateway:Redis:Configuration"] = redis.Configuration },
        };
        await outage.InitializeAsync();
        try
        {
            var gateway = outage.Gateway;
            var (accountId, keyId, secret) = await gateway.CreateHmacCallerAsync("step-outage");
            var (_, token) = await gateway.CreateBearerKeyAsync(accountId);
            var signer = new Rfc9421RequestSigner(gateway.Proxy.BaseAddress!, keyId, secret);
            var resolutions = outage.Resolutions;
            Assert.Equal(HttpStatusCode.OK, (await signer.Sign("GET", "/echo/before").SendAsync(gateway.Proxy)).StatusCode);
            Assert.Equal(resolutions, outage.Resolutions);

            await redis.StopAsync();
            var before = await PrometheusScrape.ReadAsync(gateway.Status);
            resolutions = outage.Resolutions;

            var refused = await signer.Sign("GET", "/echo/during").SendAsync(gateway.Proxy);

            await ProblemAssert.HasCodeAsync(refused, HttpStatusCode.ServiceUnavailable, "auth_unavailable");
            Assert.NotNull(refused.Headers.RetryAfter);
            Assert.True(outage.Resolutions > resolutions);
            var after = await PrometheusScrape.ReadAsync(gateway.Status);
            Assert.Equal(1, after.Delta(before, Authentications(AuthSchemeNames.Rfc9421, "failure", "auth_unavailable")));
            Assert.Equal(1, after.Delta(before, "gateway_store_errors_total{store=\"redis\",operation=\"reserve_nonce\"}"));

            resolutions = outage.Resolutions;
            using var bearer = new HttpRequestMessage(HttpMethod.Get, "/echo/bearer-during");
            bearer.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
            Assert.Equal(HttpStatusCode.OK, (await gateway.Proxy.SendAsync(bearer)).StatusCode);
            Assert.Equal(resolutions, outage.Resolutions);
        }
        finally
        {
            await outage.DisposeAsync();
        }
    }

    [Fact]
    public async Task AnotherSignatureHandler_SwitchesTheStepOff()
    {
        await using var upstream = await EchoUpstreamHost.StartAsync();
        await using var gateway = await GatewayHost.StartAsync(upstream.Url, configure: builder =>
            builder.Services.Configure<AuthenticationOptions>(options =>
                options.SchemeMap[GatewayAuthenticationDefaults.SignatureScheme].HandlerType = typeof(ApiKeyAuthenticationHandler)));

        Assert.Contains(new ProxyAccessConditions(gateway.Services).Reasons, r => r.Contains("credential scheme", StringComparison.Ordinal));
    }
}
