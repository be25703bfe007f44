using Gateway.Authorization;

namespace Gateway.Tests.Authorization;

public sealed class ScopeMatcherTests
{
    [Theory]
    [InlineData("billing:read")]
    [InlineData("billing:write")]
    [InlineData("gateway.accounts:read")]
    [InlineData("gateway.accounts:write")]
    [InlineData("gateway.audit:read")]
    public void Matches_BareStar_GrantsEverythingIncludingGatewayScopes(string scope)
    {
        Assert.True(ScopeMatcher.Matches("*", scope));
    }

    [Theory]
    [InlineData("billing:read")]
    [InlineData("ci.runners:read")]
    [InlineData("x:read")]
    public void Matches_StarColonRead_GrantsAnyPlatformRead(string scope)
    {
        Assert.True(ScopeMatcher.Matches("*:read", scope));
    }

    [Theory]
    [InlineData("gateway.accounts:read")]
    [InlineData("gateway.audit:read")]
    public void Matches_StarColonRead_DoesNotGrantGatewayScopes(string scope)
    {
        Assert.False(ScopeMatcher.Matches("*:read", scope));
    }

    [Theory]
    [InlineData("billing:write")]
    [InlineData("billing:reader")]
    [InlineData("billing:readx")]
    public void Matches_StarColonRead_DoesNotGrantOtherActions(string scope)
    {
        Assert.False(ScopeMatcher.Matches("*:read", scope));
    }

    [Theory]
    [InlineData("*:*")]
    [InlineData("*:write")]
    [InlineData("g*:read")]
    [InlineData("*.accounts:read")]
    [InlineData("*accounts:read")]
    [InlineData("gateway*")]
    [InlineData("gateway*:read")]
    public void Matches_WildcardOutsideGatewayPrefix_DoesNotGrantGatewayScopes(string pattern)
    {
        Assert.False(ScopeMatcher.Matches(pattern, "gateway.accounts:read"));
        Assert.False(ScopeMatcher.Matches(pattern, "gateway.accounts:write"));
    }

    [Theory]
    [InlineData("gateway.accounts:read")]
    [InlineData("gateway.audit:read")]
    public void Matches_GatewayStarColonRead_GrantsGatewayReads(string scope)
    {
        Assert.True(ScopeMatcher.Matches("gateway.*:read", scope));
    }

    [Theory]
    [InlineData("gateway.accounts:write")]
    [InlineData("billing:read")]
    public void Matches_GatewayStarColonRead_DoesNotGrantWritesOrPlatformScopes(string scope)
    {
        Assert.False(ScopeMatcher.Matches("gateway.*:read", scope));
    }

    [Fact]
    public void Matches_GatewayResourceStar_GrantsEveryActionOnIt()
    {
        Assert.True(ScopeMatcher.Matches("gateway.accounts:*", "gateway.accounts:read"));
        Assert.True(ScopeMatcher.Matches("gateway.accounts:*", "gateway.accounts:write"));
        Assert.False(ScopeMatcher.Matches("gateway.accounts:*", "gateway.audit:read"));
    }

    [Theory]
    [InlineData("billing:read", true)]
    [InlineData("billing:write", true)]
    [InlineData("billing:execute", true)]
    [InlineData("billingx:read", false)]
    [InlineData("invoices:read", false)]
    [InlineData("billing.sub:read", false)]
    public void Matches_ResourceStar_GrantsAnyActionOnThatResourceOnly(string scope, bool expected)
    {
        Assert.Equal(expected, ScopeMatcher.Matches("billing:*", scope));
    }

    [Fact]
    public void Matches_Exact_Grants()
    {
        Assert.True(ScopeMatcher.Matches("billing:read", "billing:read"));
        Assert.True(ScopeMatcher.Matches("gateway.accounts:read", "gateway.accounts:read"));
    }

    [Theory]
    [InlineData("billing:read", "billing:rea")]
    [InlineData("billing:read", "billing:reads")]
    [InlineData("billing:read", "xbilling:read")]
    [InlineData("billing:read", "billing")]
    [InlineData("billing:read", "")]
    [InlineData("billing:read", "Billing:read")]
    [InlineData("bill", "billing:read")]
    [InlineData("billing", "billing:read")]
    [InlineData("", "billing:read")]
    [InlineData("gateway.accounts:read", "gateway.accounts:write")]
    public void Matches_NoPartialOrCaseInsensitiveMatch(string pattern, string scope)
    {
        Assert.False(ScopeMatcher.Matches(pattern, scope));
    }

    [Fact]
    public void IsGranted_AnyPatternCovering_ReturnsTrue()
    {
        string[] granted = ["billing:read", "ci:*"];

        Assert.True(ScopeMatcher.IsGranted(granted, "ci:execute"));
        Assert.True(ScopeMatcher.IsGranted(granted, "billing:read"));
        Assert.False(ScopeMatcher.IsGranted(granted, "billing:write"));
    }

    [Fact]
    public void IsGranted_NoScopes_ReturnsFalse()
    {
        Assert.False(ScopeMatcher.IsGranted([], "billing:read"));
    }

    [Fact]
    public void IsGranted_EditorScopes_DoNotGrantAdministration()
    {
        string[] editor = ["*:read", "*:execute", "*:write"];

        Assert.False(ScopeMatcher.IsGranted(editor, "gateway.accounts:read"));
        Assert.False(ScopeMatcher.IsGranted(editor, "gateway.accounts:write"));
        Assert.False(ScopeMatcher.IsGranted(editor, "gateway.audit:read"));
        Assert.True(ScopeMatcher.IsGranted(editor, "deployments:write"));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("billing:read")]
    [InlineData("*:read")]
    [InlineData("billing:*")]
    [InlineData("gateway.*:read")]
    [InlineData("gateway.accounts:write")]
    [InlineData("ci-runners_v2.jobs:execute")]
    public void IsValidPattern_WellFormed_ReturnsTrue(string scope)
    {
        Assert.True(ScopeMatcher.IsValidPattern(scope));
    }

    [Theory]
    [InlineData("")]
    [InlineData("billing")]
    [InlineData(":read")]
    [InlineData("billing:")]
    [InlineData(":")]
    [InlineData("a:b:c")]
    [InlineData("billing read")]
    [InlineData("billing:read ")]
    [InlineData("billing/x:read")]
    [InlineData("b\u00e9:read")]
    [InlineData("**")]
    public void IsValidPattern_Malformed_ReturnsFalse(string scope)
    {
        Assert.False(ScopeMatcher.IsValidPattern(scope));
    }

    [Fact]
    public void IsValidPattern_LengthLimitIs128()
    {
        Assert.True(ScopeMatcher.IsValidPattern(new string('a', 123) + ":read"));
        Assert.False(ScopeMatcher.IsValidPattern(new string('a', 124) + ":read"));
    }
}
