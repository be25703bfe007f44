using System.Text.Json;
using Gateway.Federation.Policies;
using Gateway.Tests.TestSupport;

namespace Gateway.Tests.Federation;

public sealed class TrustPolicyMatcherTests
{
    private const string Issuer = "https://token.actions.githubusercontent.com";

    private static readonly JsonElement GitHubClaims = JsonDocument.Parse("""
        {"iss":"https://token.actions.githubusercontent.com","aud":"https://gw","sub":"repo:acme/app:ref:refs/heads/main",
         "repository":"acme/app","repository_owner":"acme","ref":"refs/heads/main","environment":"prod","run_id":"42",
         "runner_environment":"github-hosted","groups":["ops","dev"],"repository_id":123}
        """).RootElement;

    private static TrustPolicy Policy(Dictionary<string, string> conditions, string audience = "https://gw", int createdSeconds = 0, string? id = null) => new()
    {
        Id = id ?? TrustPolicyRules.NewId(),
        AccountId = "sa_0000000000000000",
        Issuer = Issuer,
        Audience = audience,
        Conditions = conditions,
        CreatedAt = Samples.T0.AddSeconds(createdSeconds),
    };

    [Fact]
    public void Matches_AllConditions()
    {
        Assert.True(TrustPolicyMatcher.Matches(Policy(new() { ["repository"] = "acme/app", ["ref"] = "refs/heads/*" }), Issuer, GitHubClaims));
    }

    [Theory]
    [InlineData("repository", "acme/other")]
    [InlineData("ref", "refs/heads/release")]
    [InlineData("environment", "staging")]
    [InlineData("missing_claim", "x")]
    [InlineData("sub", "repo:acme/app:ref:refs/tags/*")]
    public void Matches_OneConditionFails_NoMatch(string claim, string pattern)
    {
        Assert.False(TrustPolicyMatcher.Matches(Policy(new() { ["repository_owner"] = "acme", [claim] = pattern }), Issuer, GitHubClaims));
    }

    [Fact]
    public void Matches_NumberAndArrayClaims()
    {
        Assert.True(TrustPolicyMatcher.Matches(Policy(new() { ["repository_id"] = "123", ["groups"] = "ops" }), Issuer, GitHubClaims));
        Assert.False(TrustPolicyMatcher.Matches(Policy(new() { ["repository_id"] = "124" }), Issuer, GitHubClaims));
    }

    [Fact]
    public void Matches_WrongAudienceOrIssuer_NoMatch()
    {
        var conditions = new Dictionary<string, string> { ["repository"] = "acme/app" };
        Assert.False(TrustPolicyMatcher.Matches(Policy(conditions, audience: "https://other"), Issuer, GitHubClaims));
        Assert.False(TrustPolicyMatcher.Matches(Policy(conditions), "https://gitlab.com", GitHubClaims));
    }

    [Fact]
    public void Select_MostSpecificWins_MoreConditionsThenExactThenLiteral()
    {
        var owner = Policy(new() { ["repository_owner"] = "acme" });
        var glob = Policy(new() { ["repository"] = "acme/*", ["ref"] = "refs/heads/*" });
        var exact = Policy(new() { ["repository"] = "acme/app", ["ref"] = "refs/heads/main" }, createdSeconds: 10);
        var mixed = Policy(new() { ["repository"] = "acme/app", ["ref"] = "refs/heads/*" });

        Assert.Same(exact, TrustPolicyMatcher.Select([owner, glob, mixed, exact], Issuer, GitHubClaims));
        Assert.Same(mixed, TrustPolicyMatcher.Select([owner, glob, mixed], Issuer, GitHubClaims));
        Assert.Same(glob, TrustPolicyMatcher.Select([owner, glob], Issuer, GitHubClaims));
    }

    [Fact]
    public void Select_Tie_OlderThenSmallerIdWins()
    {
        var older = Policy(new() { ["repository"] = "acme/app" }, createdSeconds: 1, id: "tp_zzzzzzzzzzzzzzzz");
        var newer = Policy(new() { ["repository"] = "acme/app" }, createdSeconds: 2, id: "tp_0000000000000000");
        var sameTime = Policy(new() { ["repository"] = "acme/app" }, createdSeconds: 1, id: "tp_0000000000000001");

        Assert.Same(older, TrustPolicyMatcher.Select([newer, older], Issuer, GitHubClaims));
        Assert.Same(sameTime, TrustPolicyMatcher.Select([older, sameTime, newer], Issuer, GitHubClaims));
    }

    [Fact]
    public void Select_NoneMatches_Null()
    {
        Assert.Null(TrustPolicyMatcher.Select([Policy(new() { ["repository"] = "other/app" })], Issuer, GitHubClaims));
    }
}
