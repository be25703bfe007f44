using Gateway.Accounts;
using Gateway.Tests.TestSupport;

namespace Gateway.Tests.Accounts;

/// <summary>The shared paging and filter rules of the account stores (pure logic; both stores run the contract suite).</summary>
public sealed class AccountListingTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(50, 50)]
    [InlineData(AccountDefaults.MaxPageSize, AccountDefaults.MaxPageSize)]
    [InlineData(AccountDefaults.MaxPageSize + 1, AccountDefaults.MaxPageSize)]
    public void PageSize_ClampsToOneToMax(int limit, int expected)
    {
        Assert.Equal(expected, AccountListing.PageSize(new AccountQuery { Limit = limit }));
    }

    [Theory]
    [InlineData(100, "acc_b", false)]
    [InlineData(100, "acc_c", true)]
    [InlineData(100, "acc_a", false)]
    [InlineData(100, "acc_b0", true)]
    [InlineData(99, "acc_z", false)]
    [InlineData(101, "acc_a", true)]
    public void IsAfter_OrdersByTimeThenOrdinalId(long createdAtMs, string id, bool expected)
    {
        var cursor = new AccountCursor(100, "acc_b");

        Assert.Equal(expected, AccountListing.IsAfter(createdAtMs, id, cursor));
        Assert.True(AccountListing.IsAfter(createdAtMs, id, null));
    }

    [Fact]
    public void Matches_AppliesOrgProjectAndStatus()
    {
        var account = Samples.Account(orgId: "acme", projectId: "payments", status: AccountStatus.Disabled);

        Assert.True(AccountListing.Matches(account, new AccountQuery()));
        Assert.True(AccountListing.Matches(account, new AccountQuery { OrgId = "acme", ProjectId = "payments", Status = AccountStatus.Disabled }));
        Assert.False(AccountListing.Matches(account, new AccountQuery { OrgId = "other" }));
        Assert.False(AccountListing.Matches(account, new AccountQuery { ProjectId = "other" }));
        Assert.False(AccountListing.Matches(account, new AccountQuery { Status = AccountStatus.Active }));
    }

    [Fact]
    public void ToPage_OneExtraItem_DropsItAndPointsTheCursorAtTheLastKept()
    {
        var items = Enumerable.Range(0, 4).Select(i => Samples.Account(createdAt: Samples.T0.AddMilliseconds(i))).ToList();
        var third = items[2];

        var page = AccountListing.ToPage(items, 3);

        Assert.Equal(3, page.Items.Count);
        Assert.Equal(new AccountCursor(third.CreatedAt.ToUnixTimeMilliseconds(), third.Id), page.Next);
    }

    [Fact]
    public void ToPage_NoExtraItem_HasNoCursor()
    {
        var items = Enumerable.Range(0, 3).Select(i => Samples.Account(createdAt: Samples.T0.AddMilliseconds(i))).ToList();

        var page = AccountListing.ToPage(items, 3);

        Assert.Equal(3, page.Items.Count);
        Assert.Null(page.Next);
    }
}
