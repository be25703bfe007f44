using Gateway.Accounts;
using Gateway.Admin.Access;

namespace Gateway.Tests.Admin;

/// <summary>The pure rules of <see cref="AdminAuthorizer"/>: what a caller may grant, and which tenants it administers.</summary>
public sealed class AdminAuthorizerTests
{
    [Theory]
    [InlineData("*", "*", true)]
    [InlineData("*", "gateway.accounts:write", true)]
    [InlineData("*:read", "billing:read", true)]
    [InlineData("*:read", "billing:*", false)]
    [InlineData("*:read", "*", false)]
    [InlineData("*:read", "*:*", false)]
    [InlineData("*:read", "b*:read", true)]
    [InlineData("billing:*", "billing:read", true)]
    [InlineData("billing:*", "billing*:read", false)]
    [InlineData("*a:read", "a*:read", false)]
    [InlineData("billing:read", "billing:read", true)]
    [InlineData("billing:read", "billing:write", false)]
    public void MayGrant_OnlyWhatACallerPatternCovers(string held, string requested, bool expected) =>
        Assert.Equal(expected, AdminAuthorizer.MayGrant([held], requested));

    [Theory]
    [InlineData(new[] { "gateway.accounts:read", "gateway.accounts:write" }, "gateway.accounts:read", false)]
    [InlineData(new[] { "gateway.accounts:*", "gateway.admin:grant" }, "gateway.accounts:read", true)]
    [InlineData(new[] { "gateway.accounts:*", "gateway.admin:grant" }, "gateway.audit:read", false)]
    [InlineData(new[] { "gateway.*:*", "gateway.admin:grant" }, "*", false)]
    [InlineData(new[] { "*:read", "gateway.admin:grant" }, "gateway.accounts:read", false)]
    public void GatewayScopes_NeedAdminGrantAndCoverage(string[] held, string requested, bool expected) =>
        Assert.Equal(expected, AdminAuthorizer.MayGrant(held, requested));

    [Theory]
    [InlineData(true, null, "acme", null, "other", "p", true)]
    [InlineData(false, null, "acme", null, "acme", "web", true)]
    [InlineData(false, null, "acme", null, "acme", null, true)]
    [InlineData(false, null, "acme", null, "other", null, false)]
    [InlineData(false, "web", "acme", "web", "acme", "web", true)]
    [InlineData(false, "web", "acme", "web", "acme", "api", false)]
    [InlineData(false, "web", "acme", "web", "acme", null, false)]
    [InlineData(false, "web", "acme", "web", "other", "web", false)]
    public void Administers_FollowsOrgAndProject(bool platform, string? unused, string callerOrg, string? callerProject, string org, string? project, bool expected)
    {
        var caller = new AdminCaller("sa_AAAAAAAAAAAAAAAA", callerOrg, callerProject ?? unused, ["*"], platform);
        Assert.Equal(expected, AdminAuthorizer.Administers(caller, org, project));
    }

    [Fact]
    public void Restrict_NarrowsAListingToTheTenant_AndEmptiesForeignFilters()
    {
        var project = new AdminCaller("sa_AAAAAAAAAAAAAAAA", "acme", "web", ["*"], false);
        Assert.Equal(new AccountQuery { OrgId = "acme", ProjectId = "web" }, AdminAuthorizer.Restrict(project, new AccountQuery()));
        Assert.Null(AdminAuthorizer.Restrict(project, new AccountQuery { OrgId = "other" }));
        Assert.Null(AdminAuthorizer.Restrict(project, new AccountQuery { ProjectId = "api" }));
        var org = project with { ProjectId = null };
        Assert.Equal(new AccountQuery { OrgId = "acme", ProjectId = "api" }, AdminAuthorizer.Restrict(org, new AccountQuery { ProjectId = "api" }));
        var platform = org with { IsPlatform = true };
        Assert.Equal(new AccountQuery { OrgId = "other" }, AdminAuthorizer.Restrict(platform, new AccountQuery { OrgId = "other" }));
    }
}
