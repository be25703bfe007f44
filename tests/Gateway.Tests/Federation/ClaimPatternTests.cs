using Gateway.Federation.Policies;

namespace Gateway.Tests.Federation;

public sealed class ClaimPatternTests
{
    [Theory]
    [InlineData("acme/app", "acme/app", true)]
    [InlineData("acme/app", "acme/App", false)]
    [InlineData("acme/app", "acme/app2", false)]
    [InlineData("acme/*", "acme/app", true)]
    [InlineData("acme/*", "acme/", true)]
    [InlineData("acme/*", "acme", false)]
    [InlineData("acme/*", "acme-evil/app", false)]
    [InlineData("refs/heads/*", "refs/heads/feature/x", true)]
    [InlineData("refs/tags/v?.*", "refs/tags/v1.2", true)]
    [InlineData("refs/tags/v?.*", "refs/tags/v10.2", false)]
    [InlineData("repo:acme/*:environment:prod", "repo:acme/app:environment:prod", true)]
    [InlineData("repo:acme/*:environment:prod", "repo:acme/app:environment:staging", false)]
    [InlineData("*", "", true)]
    [InlineData("a*b*c", "aXbYc", true)]
    [InlineData("a*b*c", "aXbY", false)]
    public void Matches_ExactAndGlob(string pattern, string value, bool expected)
    {
        Assert.Equal(expected, ClaimPattern.Matches(pattern, value));
    }

    [Fact]
    public void Matches_PathologicalPattern_IsLinear()
    {
        var value = new string('a', 5000);
        Assert.False(ClaimPattern.Matches(string.Concat(Enumerable.Repeat("a*", 50)) + "b", value));
    }

    [Theory]
    [InlineData("acme/*", "acme/")]
    [InlineData("exact", "exact")]
    [InlineData("*x", "")]
    public void LiteralPrefix_StopsAtTheFirstWildcard(string pattern, string expected)
    {
        Assert.Equal(expected, ClaimPattern.LiteralPrefix(pattern));
    }
}
