using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.FunctionalTests.Infrastructure;

namespace Gateway.FunctionalTests.Federation;

/// <summary>
/// Workload identity federation end to end: a real loopback issuer, a real gateway, a real upstream. The happy
/// paths reach the upstream as the service account; every refusal has its documented status and code.
/// </summary>
public sealed class TokenExchangeTests(FederationFixture fixture) : IClassFixture<FederationFixture>
{
    private GatewayHost Gateway => fixture.Gateway;

    private OidcIssuer Issuer => fixture.Issuer;

    private static string NewRepository() => "acme/app-" + Guid.NewGuid().ToString("N")[..10];

    private async Task<(string AccountId, string PolicyId, string Repository)> GitHubAccountAsync(Dictionary<string, string>? extra = null)
    {
        var repository = NewRepository();
        var accountId = await Gateway.CreateAccountAsync("ci-" + Guid.NewGuid().ToString("N")[..10]);
        var conditions = new Dictionary<string, string> { ["repository"] = repository, ["ref"] = "refs/heads/main" };
        foreach (var (claim, pattern) in extra ?? [])
        {
            conditions[claim] = pattern;
        }

        var policyId = await Federation.AddPolicyAsync(Gateway, accountId, Issuer.Url, conditions);
        return (accountId, policyId, repository);
    }

    private async Task<HttpResponseMessage> GetAsync(string accessToken, string path = "/echo/resource")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return await Gateway.Proxy.SendAsync(request);
    }

    [Fact]
    public async Task GitHubToken_Exchanged_ReachesUpstreamAsTheServiceAccount()
    {
        var (accountId, _, repository) = await GitHubAccountAsync();
        var (token, expiresIn) = await Federation.ExchangeOkAsync(Gateway, Issuer.Mint(Issuer.GitHub(FederationFixture.Audience, repository)));

        Assert.StartsWith("gwf_", token);
        Assert.InRange(expiresIn, 890, 900);
        var echo = await Echo.ReadAsync(await GetAsync(token));
        Assert.Equal("/echo/resource", echo.Path);
        Assert.Equal(accountId, echo.Header("X-Gateway-Principal-Id"));
        Assert.Equal("oidc-federation", echo.Header("X-Gateway-Auth-Scheme"));
        Assert.StartsWith("fx_", echo.Header("X-Gateway-Key-Id"));
        Assert.Null(echo.Header("Authorization"));
    }

    [Fact]
    public async Task GitLabToken_Es256_Exchanged_ReachesUpstream()
    {
        var project = "group/project-" + Guid.NewGuid().ToString("N")[..10];
        var accountId = await Gateway.CreateAccountAsync("gl-" + Guid.NewGuid().ToString("N")[..10]);
        await Federation.AddPolicyAsync(Gateway, accountId, Issuer.Url, new()
        {
            ["project_path"] = project,
            ["ref"] = "main",
            ["ci_config_ref_uri"] = $"gitlab.example.com/{project}//.gitlab-ci.yml@refs/heads/*",
        });

        var (token, _) = await Federation.ExchangeOkAsync(Gateway, Issuer.Mint(Issuer.GitLab(FederationFixture.Audience, project), Issuer.Ec));

        var echo = await Echo.ReadAsync(await GetAsync(token));
        Assert.Equal(accountId, echo.Header("X-Gateway-Principal-Id"));
    }

    [Fact]
    public async Task PolicyMaxLifetime_CapsTheToken()
    {
        var repository = NewRepository();
        var accountId = await Gateway.CreateAccountAsync("short-" + Guid.NewGuid().ToString("N")[..10]);
        await Federation.AddPolicyAsync(Gateway, accountId, Issuer.Url, new() { ["repository"] = repository }, maxTokenLifetime: 120);

        var (_, expiresIn) = await Federation.ExchangeOkAsync(Gateway, Issuer.Mint(Issuer.GitHub(FederationFixture.Audience, repository)));

        Assert.InRange(expiresIn, 110, 120);
    }

    [Theory]
    [InlineData("repository")]
    [InlineData("ref")]
    [InlineData("environment")]
    [InlineData("job_workflow_ref")]
    [InlineData("sub")]
    [InlineData("repository_owner")]
    public async Task ClaimMismatch_Is401WithoutNamingAnyPolicy(string claim)
    {
        var (_, policyId, repository) = await GitHubAccountAsync(new()
        {
            ["environment"] = "prod",
            ["job_workflow_ref"] = "*/.github/workflows/deploy.yml@refs/heads/main",
            ["sub"] = "repo:acme/*:environment:prod",
            ["repository_owner"] = "acme",
        });
        var claims = Issuer.GitHub(FederationFixture.Audience, repository);
        claims[claim] = claims[claim] + "-evil";

        var response = await Federation.ExchangeAsync(Gateway, Issuer.Mint(claims));

        var problem = await Federation.RefusedAsync(response, HttpStatusCode.Unauthorized, "no_matching_trust_policy", "invalid_grant");
        Assert.DoesNotContain(policyId, problem.GetRawText());
        Assert.DoesNotContain(repository, problem.GetRawText());
    }

    [Fact]
    public async Task WrongAudience_Is401NoMatchingPolicy()
    {
        var (_, _, repository) = await GitHubAccountAsync();
        var response = await Federation.ExchangeAsync(Gateway, Issuer.Mint(Issuer.GitHub("https://other.example", repository)));
        await Federation.RefusedAsync(response, HttpStatusCode.Unauthorized, "no_matching_trust_policy", "invalid_grant");
    }

    [Fact]
    public async Task Expired_Is401InvalidSubjectToken()
    {
        var (_, _, repository) = await GitHubAccountAsync();
        var claims = Issuer.GitHub(FederationFixture.Audience, repository, issuedAt: DateTimeOffset.UtcNow.AddMinutes(-20), lifetime: TimeSpan.FromMinutes(10));

        var response = await Federation.ExchangeAsync(Gateway, Issuer.Mint(claims));

        var problem = await Federation.RefusedAsync(response, HttpStatusCode.Unauthorized, "invalid_subject_token", "invalid_grant");
        Assert.Contains("expired", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task NotYetValid_Is401InvalidSubjectToken()
    {
        var (_, _, repository) = await GitHubAccountAsync();
        var claims = Issuer.GitHub(FederationFixture.Audience, repository);
        claims["nbf"] = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds();

        var response = await Federation.ExchangeAsync(Gateway, Issuer.Mint(claims));

        var problem = await Federation.RefusedAsync(response, HttpStatusCode.Unauthorized, "invalid_subject_token", "invalid_grant");
        Assert.Contains("not valid yet", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task IssuedInTheFuture_Is401InvalidSubjectToken()
    {
        var (_, _, repository) = await GitHubAccountAsync();
        var claims = Issuer.GitHub(FederationFixture.Audience, repository, issuedAt: DateTimeOffset.UtcNow.AddMinutes(10));
        claims.Remove("nbf");

        var response = await Federation.ExchangeAsync(Gateway, Issuer.Mint(claims));

        await Federation.RefusedAsync(response, HttpStatusCode.Unauthorized, "invalid_subject_token", "invalid_grant");
    }

    [Fact]
    public async Task UnknownIssuer_Is401_AndTheIssuerIsNeverContacted()
    {
        await using var stranger = await OidcIssuer.StartAsync();
        var claims = stranger.GitHub(FederationFixture.Audience, NewRepository());

        var response = await Federation.ExchangeAsync(Gateway, stranger.Mint(claims));

        await Federation.RefusedAsync(response, HttpStatusCode.Unauthorized, "invalid_subject_token", "invalid_grant");
        Assert.Equal(0, stranger.JwksRequests);
    }

    [Fact]
    public async Task WrongSignature_SameKid_Is401()
    {
        var (_, _, repository) = await GitHubAccountAsync();
        var impostor = IssuerKey.NewRsa() with { Kid = Issuer.Rsa.Kid };

        var response = await Federation.ExchangeAsync(Gateway, Issuer.Mint(Issuer.GitHub(FederationFixture.Audience, repository), impostor));

        await Federation.RefusedAsync(response, HttpStatusCode.Unauthorized, "invalid_subject_token", "invalid_grant");
    }

    [Fact]
    public async Task TamperedPayload_Is401()
    {
        var (_, _, repository) = await GitHubAccountAsync();
        var token = Issuer.Mint(Issuer.GitHub(FederationFixture.Audience, "acme/unrelated"));
        var parts = token.Split('.');
        parts[1] = System.Buffers.Text.Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(Issuer.GitHub(FederationFixture.Audience, repository)));

        var response = await Federation.ExchangeAsync(Gateway, string.Join('.', parts));

        await Federation.RefusedAsync(response, HttpStatusCode.Unauthorized, "invalid_subject_token", "invalid_grant");
    }

    [Fact]
    public async Task AlgNone_Is401()
    {
        var (_, _, repository) = await GitHubAccountAsync();
        var response = await Federation.ExchangeAsync(Gateway, Issuer.MintNone(Issuer.GitHub(FederationFixture.Audience, repository)));
        await Federation.RefusedAsync(response, HttpStatusCode.Unauthorized, "invalid_subject_token", "invalid_grant");
    }

    [Fact]
    public async Task Hs256WithThePublicKeyAsSecret_Is401()
    {
        var (_, _, repository) = await GitHubAccountAsync();
        foreach (var forged in Issuer.MintHs256WithPublicKey(Issuer.GitHub(FederationFixture.Audience, repository)))
        {
            var response = await Federation.ExchangeAsync(Gateway, forged);
            await Federation.RefusedAsync(response, HttpStatusCode.Unauthorized, "invalid_subject_token", "invalid_grant");
        }
    }

    [Fact]
    public async Task ReplayedJti_Is401Replayed()
    {
        var (_, _, repository) = await GitHubAccountAsync();
        var idToken = Issuer.Mint(Issuer.GitHub(FederationFixture.Audience, repository));
        await Federation.ExchangeOkAsync(Gateway, idToken);

        var response = await Federation.ExchangeAsync(Gateway, idToken);

        await Federation.RefusedAsync(response, HttpStatusCode.Unauthorized, "replayed_request", "invalid_grant");
    }

    [Fact]
    public async Task IssuerDown_Is503_Never500()
    {
        var down = fixture.DownIssuer;
        var accountId = await Gateway.CreateAccountAsync("down-" + Guid.NewGuid().ToString("N")[..10]);
        var repository = NewRepository();
        await Federation.AddPolicyAsync(Gateway, accountId, down.Url, new() { ["repository"] = repository });

        var response = await Federation.ExchangeAsync(Gateway, down.Mint(down.GitHub(FederationFixture.Audience, repository)));

        await Federation.RefusedAsync(response, HttpStatusCode.ServiceUnavailable, "auth_unavailable", "temporarily_unavailable");
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task RotatedIssuerKeys_NewKidIsFetched()
    {
        await using var issuer = await OidcIssuer.StartAsync();
        await using var gateway = await GatewayHost.StartAsync(fixture.Upstream.Url, FederationFixture.Settings(issuer));
        var repository = NewRepository();
        var accountId = await gateway.CreateAccountAsync("rotate");
        await Federation.AddPolicyAsync(gateway, accountId, issuer.Url, new() { ["repository"] = repository });
        await Federation.ExchangeOkAsync(gateway, issuer.Mint(issuer.GitHub(FederationFixture.Audience, repository)));
        var oldKey = issuer.Rsa;
        Assert.Equal(1, issuer.JwksRequests);

        issuer.Rotate();
        await Federation.ExchangeOkAsync(gateway, issuer.Mint(issuer.GitHub(FederationFixture.Audience, repository)));

        Assert.Equal(2, issuer.JwksRequests);
        var stale = await Federation.ExchangeAsync(gateway, issuer.Mint(issuer.GitHub(FederationFixture.Audience, repository), oldKey));
        await Federation.RefusedAsync(stale, HttpStatusCode.Unauthorized, "invalid_subject_token", "invalid_grant");
    }

    [Fact]
    public async Task DisabledAccount_AccessTokenRefusedAtOnce_AndNoNewExchange()
    {
        var (accountId, _, repository) = await GitHubAccountAsync();
        var (token, _) = await Federation.ExchangeOkAsync(Gateway, Issuer.Mint(Issuer.GitHub(FederationFixture.Audience, repository)));
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(token)).StatusCode);

        var patch = await Gateway.Admin.PatchAsJsonAsync($"/v1/service-accounts/{accountId}", new { status = "disabled" });
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);

        await ProblemAssert.HasCodeAsync(await GetAsync(token), HttpStatusCode.Unauthorized, "account_disabled");
        var again = await Federation.ExchangeAsync(Gateway, Issuer.Mint(Issuer.GitHub(FederationFixture.Audience, repository)));
        await Federation.RefusedAsync(again, HttpStatusCode.Unauthorized, "no_matching_trust_policy", "invalid_grant");
    }

    [Fact]
    public async Task DeletedPolicyOrAccount_AccessTokenRefused()
    {
        var (accountId, policyId, repository) = await GitHubAccountAsync();
        var (first, _) = await Federation.ExchangeOkAsync(Gateway, Issuer.Mint(Issuer.GitHub(FederationFixture.Audience, repository)));
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(first)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await Gateway.Admin.DeleteAsync($"/v1/service-accounts/{accountId}/trust-policies/{policyId}")).StatusCode);
        await ProblemAssert.HasCodeAsync(await GetAsync(first), HttpStatusCode.Unauthorized, "invalid_credentials");

        var secondPolicy = await Federation.AddPolicyAsync(Gateway, accountId, Issuer.Url, new() { ["repository"] = repository });
        var (second, _) = await Federation.ExchangeOkAsync(Gateway, Issuer.Mint(Issuer.GitHub(FederationFixture.Audience, repository)));
        Assert.Equal(HttpStatusCode.NoContent, (await Gateway.Admin.DeleteAsync($"/v1/service-accounts/{accountId}")).StatusCode);

        await ProblemAssert.HasCodeAsync(await GetAsync(second), HttpStatusCode.Unauthorized, "invalid_credentials");
        Assert.DoesNotContain(secondPolicy, await (await Gateway.Admin.GetAsync($"/v1/service-accounts/{accountId}/trust-policies")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TamperedAccessToken_Is401()
    {
        var (_, _, repository) = await GitHubAccountAsync();
        var (token, _) = await Federation.ExchangeOkAsync(Gateway, Issuer.Mint(Issuer.GitHub(FederationFixture.Audience, repository)));
        var otherAccount = await Gateway.CreateAccountAsync("victim-" + Guid.NewGuid().ToString("N")[..8]);
        var parts = token.Split('.');
        parts[1] = otherAccount;

        await ProblemAssert.HasCodeAsync(await GetAsync(string.Join('.', parts)), HttpStatusCode.Unauthorized, "invalid_credentials");
        await ProblemAssert.HasCodeAsync(await GetAsync("gwf_garbage"), HttpStatusCode.Unauthorized, "malformed_credentials");
    }

    [Fact]
    public async Task MostSpecificPolicyWins_AcrossAccounts()
    {
        var repository = NewRepository();
        var broad = await Gateway.CreateAccountAsync("broad-" + Guid.NewGuid().ToString("N")[..8]);
        var narrow = await Gateway.CreateAccountAsync("narrow-" + Guid.NewGuid().ToString("N")[..8]);
        await Federation.AddPolicyAsync(Gateway, broad, Issuer.Url, new() { ["repository"] = repository });
        await Federation.AddPolicyAsync(Gateway, narrow, Issuer.Url, new() { ["repository"] = repository, ["environment"] = "prod" });

        var (prodToken, _) = await Federation.ExchangeOkAsync(Gateway, Issuer.Mint(Issuer.GitHub(FederationFixture.Audience, repository)));
        var (stagingToken, _) = await Federation.ExchangeOkAsync(Gateway,
            Issuer.Mint(Issuer.GitHub(FederationFixture.Audience, repository, environment: "staging")));

        Assert.Equal(narrow, (await Echo.ReadAsync(await GetAsync(prodToken))).Header("X-Gateway-Principal-Id"));
        Assert.Equal(broad, (await Echo.ReadAsync(await GetAsync(stagingToken))).Header("X-Gateway-Principal-Id"));
    }

    [Fact]
    public async Task Exchange_IsAuditedWithTheRunsClaims_AndCounted()
    {
        var (accountId, policyId, repository) = await GitHubAccountAsync();
        var before = await PrometheusScrape.ReadAsync(Gateway.Status);

        var (token, _) = await Federation.ExchangeOkAsync(Gateway, Issuer.Mint(Issuer.GitHub(FederationFixture.Audience, repository)));

        var audit = await Gateway.Admin.GetFromJsonAsync<JsonElement>($"/v1/audit?principalId={accountId}&action=federation.token_exchange");
        var item = Assert.Single(audit.GetProperty("items").EnumerateArray());
        var target = item.GetProperty("target").GetString()!;
        Assert.Contains(policyId, target);
        Assert.Contains($"sub=repo:{repository}:environment:prod", target);
        Assert.Contains($"repository={repository}", target);
        Assert.Contains("ref=refs/heads/main", target);
        Assert.Equal(token.Split('.')[3], item.GetProperty("keyId").GetString());
        var after = await PrometheusScrape.ReadAsync(Gateway.Status);
        Assert.Equal(1, after.Delta(before, "gateway_federation_exchanges_total{outcome=\"success\"}"));
        Assert.DoesNotContain(accountId, after.Text);
    }

    [Theory]
    [InlineData("grant_type=password&subject_token=x&subject_token_type=urn:ietf:params:oauth:token-type:id_token", 400, "unsupported_grant_type", "unsupported_grant_type")]
    [InlineData("subject_token=x", 400, "invalid_request", "invalid_request")]
    [InlineData("grant_type=urn:ietf:params:oauth:grant-type:token-exchange&subject_token_type=urn:ietf:params:oauth:token-type:id_token", 400, "invalid_request", "invalid_request")]
    [InlineData("grant_type=urn:ietf:params:oauth:grant-type:token-exchange&subject_token=x&subject_token_type=urn:ietf:params:oauth:token-type:jwt", 400, "invalid_request", "invalid_request")]
    [InlineData("grant_type=urn:ietf:params:oauth:grant-type:token-exchange&grant_type=x&subject_token=x&subject_token_type=urn:ietf:params:oauth:token-type:id_token", 400, "invalid_request", "invalid_request")]
    [InlineData("grant_type=urn:ietf:params:oauth:grant-type:token-exchange&subject_token=x&subject_token_type=urn:ietf:params:oauth:token-type:id_token&scope=admin", 400, "invalid_scope", "invalid_scope")]
    [InlineData("grant_type=urn:ietf:params:oauth:grant-type:token-exchange&subject_token=x&subject_token_type=urn:ietf:params:oauth:token-type:id_token&audience=bob", 400, "invalid_target", "invalid_target")]
    [InlineData("grant_type=urn:ietf:params:oauth:grant-type:token-exchange&subject_token=not.a.jwt&subject_token_type=urn:ietf:params:oauth:token-type:id_token", 401, "invalid_subject_token", "invalid_grant")]
    [InlineData("grant_type=urn:ietf:params:oauth:grant-type:token-exchange&subject_token=%FF%FE&subject_token_type=urn:ietf:params:oauth:token-type:id_token", 401, "invalid_subject_token", "invalid_grant")]
    public async Task MalformedRequests_GetTheirDocumentedAnswer(string form, int status, string code, string error)
    {
        var response = await Gateway.Proxy.PostAsync("/.gateway/token", new StringContent(form, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));
        var problem = await Federation.RefusedAsync(response, (HttpStatusCode)status, code, error);
        Assert.NotEqual("Internal error", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task JsonBody_Is400()
    {
        var response = await Gateway.Proxy.PostAsJsonAsync("/.gateway/token", new { grant_type = "urn:ietf:params:oauth:grant-type:token-exchange" });
        await Federation.RefusedAsync(response, HttpStatusCode.BadRequest, "invalid_request", "invalid_request");
    }
}
