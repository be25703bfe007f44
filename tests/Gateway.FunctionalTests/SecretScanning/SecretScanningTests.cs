using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Gateway.Accounts;
using Gateway.Accounts.Tokens;
using Gateway.Errors;
using Gateway.FunctionalTests.Infrastructure;
using Gateway.FunctionalTests.KeyRotation;

namespace Gateway.FunctionalTests.SecretScanning;

/// <summary>
/// The GitHub secret-scanning endpoint on a real gateway, with a local signer standing in for GitHub: what a valid
/// report revokes, and everything that must change nothing (bad signatures, unknown keys, wrong curve, junk tokens,
/// replays, oversized bodies).
/// </summary>
public sealed class SecretScanningTests(SecretScanningFixture fixture) : IClassFixture<SecretScanningFixture>
{
    private GatewayHost Gateway => fixture.Gateway;

    private GitHubStandIn GitHub => fixture.GitHub;

    private static object Item(string token, string url = "https://github.com/acme/app/blob/abc123/.env", string source = "content") =>
        new { token, type = "gateway_api_key", url, source };

    private async Task<HttpStatusCode> CallAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo/leak");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await Gateway.Proxy.SendAsync(request)).StatusCode;
    }

    private async Task<JsonElement[]> ReportAsync(HttpRequestMessage request)
    {
        using (request)
        {
            var response = await Gateway.Proxy.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
            return JsonDocument.Parse(body).RootElement.EnumerateArray().ToArray();
        }
    }

    /// <summary>401 problem+json <c>invalid_signature</c> with the endpoint's own challenge (not a bearer one).</summary>
    private static async Task AssertRefusedAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("invalid_signature", JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "GitHub-Signature");
    }

    [Fact]
    public async Task ValidReport_RevokesTheKey_WhichThenFailsOnTheProxy_AndTheOwnerSeesWhy()
    {
        var (accountId, keyId, token) = await Gateway.CreateCallerAsync("leaky");
        Assert.Equal(HttpStatusCode.OK, await CallAsync(token));
        var before = await PrometheusScrape.ReadAsync(Gateway.Status);

        var answer = Assert.Single(await ReportAsync(GitHub.Report(new[] { Item(token) })));

        Assert.Equal(token, answer.GetProperty("token_raw").GetString());
        Assert.Equal("gateway_api_key", answer.GetProperty("token_type").GetString());
        Assert.Equal("true_positive", answer.GetProperty("label").GetString());
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/echo/leak"))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            await ProblemAssert.HasCodeAsync(await Gateway.Proxy.SendAsync(request), HttpStatusCode.Unauthorized, ErrorCodes.KeyRevoked);
        }

        Assert.Equal("revoked", (await GraceRenewal.ListedAsync(Gateway.Admin, accountId, keyId)).GetProperty("status").GetString());
        var leaked = Assert.Single(await GraceRenewal.AuditAsync(Gateway.Admin, "key.leaked", keyId));
        Assert.Equal("system", leaked.GetProperty("kind").GetString());
        Assert.Equal(accountId, leaked.GetProperty("details").GetProperty("accountId").GetString());
        Assert.Equal("https://github.com/acme/app/blob/abc123/.env", leaked.GetProperty("details").GetProperty("url").GetString());
        Assert.Equal("content", leaked.GetProperty("details").GetProperty("source").GetString());
        var auditText = await Gateway.Admin.GetStringAsync("/v1/audit?limit=1000");
        Assert.DoesNotContain(token, auditText, StringComparison.Ordinal);
        Assert.DoesNotContain(token[^49..], Gateway.Logs.All, StringComparison.Ordinal);

        var after = await PrometheusScrape.ReadAsync(Gateway.Status);
        Assert.Equal(1, after.Delta(before, "gateway_secret_scanning_tokens_total{outcome=\"revoked\"}"));
        Assert.Equal(1, after.Delta(before, "gateway_secret_scanning_reports_total{outcome=\"accepted\"}"));
    }

    [Fact]
    public async Task ReplayedReport_IsAnsweredTheSame_AndChangesNothingMore()
    {
        var (accountId, keyId, token) = await Gateway.CreateCallerAsync("replayed");
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new[] { Item(token) }));

        var first = Assert.Single(await ReportAsync(GitHub.Report(body)));
        var revokedAt = (await GraceRenewal.ListedAsync(Gateway.Admin, accountId, keyId)).GetProperty("revokedAt").GetDateTimeOffset();
        var replay = Assert.Single(await ReportAsync(GitHub.Report(body)));

        Assert.Equal("true_positive", first.GetProperty("label").GetString());
        Assert.Equal("true_positive", replay.GetProperty("label").GetString());
        Assert.Single(await GraceRenewal.AuditAsync(Gateway.Admin, "key.leaked", keyId));
        Assert.Equal(revokedAt, (await GraceRenewal.ListedAsync(Gateway.Admin, accountId, keyId)).GetProperty("revokedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task LeakedKeyAlreadyRevoked_IsATruePositive_AndNothingChanges()
    {
        var (accountId, keyId, token) = await Gateway.CreateCallerAsync("revoked-first");
        Assert.Equal(HttpStatusCode.NoContent, (await Gateway.Admin.DeleteAsync($"/v1/service-accounts/{accountId}/keys/{keyId}")).StatusCode);
        var revokedAt = (await GraceRenewal.ListedAsync(Gateway.Admin, accountId, keyId)).GetProperty("revokedAt").GetDateTimeOffset();

        var answer = Assert.Single(await ReportAsync(GitHub.Report(new[] { Item(token) })));

        Assert.Equal("true_positive", answer.GetProperty("label").GetString());
        Assert.Equal(revokedAt, (await GraceRenewal.ListedAsync(Gateway.Admin, accountId, keyId)).GetProperty("revokedAt").GetDateTimeOffset());
        Assert.Empty(await GraceRenewal.AuditAsync(Gateway.Admin, "key.leaked", keyId));
    }

    [Fact]
    public async Task UnknownAndMalformedTokens_AreFalsePositives_NeverAnError()
    {
        var (_, keyId, token) = await Gateway.CreateCallerAsync("forged-secret");
        var wrongSecret = BearerToken.Create(keyId); // right key id, valid checksum, another secret
        var badChecksum = token[..^1] + (token[^1] == 'A' ? 'B' : 'A');
        string[] tokens = [BearerToken.Create(IdGenerator.NewKeyId()), wrongSecret, badChecksum, "", "gwk_", "not a token at all",
            "gwk_" + new string('x', 900), "AKIAIOSFODNN7EXAMPLE", "\u0000\u00ff☃"];

        var answers = await ReportAsync(GitHub.Report(tokens.Select(t => Item(t)).ToArray()));

        Assert.Equal(tokens, answers.Select(a => a.GetProperty("token_raw").GetString()));
        Assert.All(answers, a => Assert.Equal("false_positive", a.GetProperty("label").GetString()));
        Assert.Equal(HttpStatusCode.OK, await CallAsync(token));
    }

    [Fact]
    public async Task BatchOf1000Tokens_EveryOneAnswered_InOrder_TheRealOnesRevoked()
    {
        var real = new List<(string KeyId, string Token)>();
        var accountId = await Gateway.CreateAccountAsync("batch-owner");
        for (var i = 0; i < 10; i++)
        {
            real.Add(await Gateway.CreateBearerKeyAsync(accountId));
        }

        var tokens = Enumerable.Range(0, 1000).Select(i => i % 100 == 0 ? real[i / 100].Token
            : i % 2 == 0 ? BearerToken.Create(IdGenerator.NewKeyId()) : $"junk-{i}").ToArray();

        var answers = await ReportAsync(GitHub.Report(tokens.Select(t => Item(t)).ToArray()));

        Assert.Equal(1000, answers.Length);
        for (var i = 0; i < tokens.Length; i++)
        {
            Assert.Equal(tokens[i], answers[i].GetProperty("token_raw").GetString());
            Assert.Equal(i % 100 == 0 ? "true_positive" : "false_positive", answers[i].GetProperty("label").GetString());
        }

        foreach (var (_, token) in real)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(token));
        }
    }

    [Fact]
    public async Task TamperedBody_Is401_AndNothingChanges()
    {
        var (_, _, token) = await Gateway.CreateCallerAsync("tampered");
        var other = BearerToken.Create(IdGenerator.NewKeyId());
        var signed = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new[] { Item(other) }));
        var signature = Convert.ToBase64String(GitHub.Key.SignData(signed, System.Security.Cryptography.HashAlgorithmName.SHA256,
            System.Security.Cryptography.DSASignatureFormat.Rfc3279DerSequence));
        var tampered = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new[] { Item(token) }));

        using var request = GitHubStandIn.Signed(tampered, GitHubStandIn.KeyId, signature);
        await AssertRefusedAsync(await Gateway.Proxy.SendAsync(request));

        Assert.Equal(HttpStatusCode.OK, await CallAsync(token));
    }

    [Theory]
    [InlineData(null, "c2ln")]
    [InlineData(GitHubStandIn.KeyId, null)]
    [InlineData(GitHubStandIn.KeyId, "not base64!")]
    [InlineData(GitHubStandIn.KeyId, "MEUCIQDl")]
    public async Task MissingOrMalformedSignatureHeaders_Are401(string? keyId, string? signature)
    {
        var body = Encoding.UTF8.GetBytes("[]");
        using var request = new HttpRequestMessage(HttpMethod.Post, global::Gateway.SecretScanning.SecretScanningEndpoint.Path) { Content = new ByteArrayContent(body) };
        if (keyId is not null)
        {
            request.Headers.Add("Github-Public-Key-Identifier", keyId);
        }

        if (signature is not null)
        {
            request.Headers.Add("Github-Public-Key-Signature", signature);
        }

        await AssertRefusedAsync(await Gateway.Proxy.SendAsync(request));
    }

    [Fact]
    public async Task UnknownKeyIdentifier_Is401_AfterAskingGitHubAgain()
    {
        var (_, _, token) = await Gateway.CreateCallerAsync("unknown-signer");
        var fetches = GitHub.Fetches;

        await AssertRefusedAsync(await Gateway.Proxy.SendAsync(GitHub.Report(new[] { Item(token) }, keyId: "no-such-key")));

        Assert.True(GitHub.Fetches > fetches, "an unknown key identifier should trigger a refresh of the key document");
        Assert.Equal(HttpStatusCode.OK, await CallAsync(token));
    }

    [Fact]
    public async Task KeyPublishedAfterTheFirstFetch_IsFoundByTheRefreshOnAnUnknownIdentifier()
    {
        var (_, _, token) = await Gateway.CreateCallerAsync("rotated-signer");
        Assert.NotEmpty(await ReportAsync(GitHub.Report(new[] { Item(BearerToken.Create(IdGenerator.NewKeyId())) })));

        GitHub.PublishLateKey();
        var answer = Assert.Single(await ReportAsync(GitHub.Report(new[] { Item(token) }, GitHub.LateKey, GitHubStandIn.LateKeyId)));

        Assert.Equal("true_positive", answer.GetProperty("label").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(token));
    }

    [Fact]
    public async Task ReportSignedWithAP384Key_Is401_AndNothingChanges()
    {
        var (_, _, token) = await Gateway.CreateCallerAsync("wrong-curve");

        await AssertRefusedAsync(await Gateway.Proxy.SendAsync(GitHub.Report(new[] { Item(token) }, GitHub.P384Key, GitHubStandIn.P384KeyId)));

        Assert.Equal(HttpStatusCode.OK, await CallAsync(token));
    }

    [Fact]
    public async Task OversizedBody_Is413ProblemJson()
    {
        var body = Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Repeat("{\"token\":\"" + new string('a', 500) + "\"}", 1000)) + "]");
        Assert.True(body.Length > SecretScanningFixture.MaxBodyBytes);

        var response = await Gateway.Proxy.SendAsync(GitHub.Report(body));

        await ProblemAssert.HasCodeAsync(response, HttpStatusCode.RequestEntityTooLarge, ErrorCodes.PayloadTooLarge);
    }

    [Theory]
    [InlineData("{\"token\":\"x\"}")]
    [InlineData("[{\"type\":\"gateway_api_key\"}]")]
    [InlineData("not json")]
    [InlineData("[null]")]
    public async Task SignedButMalformedReport_Is400(string json)
    {
        var response = await Gateway.Proxy.SendAsync(GitHub.Report(Encoding.UTF8.GetBytes(json)));

        await ProblemAssert.HasCodeAsync(response, HttpStatusCode.BadRequest, ErrorCodes.InvalidRequest);
    }

    [Fact]
    public async Task TheEndpointIsOnlyOnTheProxyListener()
    {
        using var request = GitHub.Report(new[] { Item("x") });
        var response = await Gateway.Admin.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
