using Gateway.Errors;
using Gateway.Federation;
using Gateway.Federation.Policies;
using Gateway.Tests.TestSupport;

namespace Gateway.Tests.Federation;

public sealed class TrustPolicyRulesTests
{
    private const string Issuer = "https://token.actions.githubusercontent.com";
    private static readonly FederationOptions Options = new() { Issuers = [Issuer] };

    private static TrustPolicyRequest Request(Dictionary<string, string> conditions, string issuer = Issuer, int? lifetime = null) => new()
    {
        Issuer = issuer,
        Audience = "https://gw.example",
        Conditions = conditions,
        MaxTokenLifetime = lifetime,
    };

    private static string[] Errors(TrustPolicyRequest request)
    {
        var problem = Assert.Throws<GatewayProblemException>(() => TrustPolicyRules.Validate(request, "sa_0000000000000000", Options, Samples.T0));
        Assert.Equal(ErrorCodes.ValidationFailed, problem.Code);
        return problem.Errors!.Keys.ToArray();
    }

    [Theory]
    [InlineData("repository", "acme/app")]
    [InlineData("repository", "acme/*")]
    [InlineData("repository_owner", "acme")]
    [InlineData("sub", "repo:acme/*")]
    [InlineData("project_path", "group/sub/*")]
    [InlineData("namespace_path", "group")]
    public void Validate_PinnedOwner_Accepted(string claim, string pattern)
    {
        var policy = TrustPolicyRules.Validate(Request(new() { [claim] = pattern }), "sa_0000000000000000", Options, Samples.T0);
        Assert.StartsWith("tp_", policy.Id);
        Assert.Equal(pattern, policy.Conditions[claim]);
    }

    [Theory]
    [InlineData("repository", "*")]
    [InlineData("repository", "acme*")]
    [InlineData("repository_owner", "acme*")]
    [InlineData("sub", "repo:*")]
    [InlineData("ref", "refs/heads/main")]
    [InlineData("environment", "prod")]
    public void Validate_OwnerNotPinned_Refused(string claim, string pattern)
    {
        Assert.Contains("conditions", Errors(Request(new() { [claim] = pattern })));
    }

    [Fact]
    public void Validate_IssuerNotAllowlisted_Refused()
    {
        Assert.Contains("issuer", Errors(Request(new() { ["repository"] = "acme/app" }, issuer: "https://evil.example")));
    }

    [Theory]
    [InlineData("aud")]
    [InlineData("iss")]
    [InlineData("bad name")]
    public void Validate_ReservedOrInvalidClaimName_Refused(string claim)
    {
        Assert.Contains("conditions", Errors(Request(new() { ["repository"] = "acme/app", [claim] = "x" })));
    }

    [Theory]
    [InlineData(59)]
    [InlineData(3601)]
    public void Validate_LifetimeOutOfRange_Refused(int seconds)
    {
        Assert.Contains("maxTokenLifetime", Errors(Request(new() { ["repository"] = "acme/app" }, lifetime: seconds)));
    }

    [Fact]
    public void Validate_NoConditions_Refused()
    {
        Assert.Contains("conditions", Errors(Request([])));
    }
}
