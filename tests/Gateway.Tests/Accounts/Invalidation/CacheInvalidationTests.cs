using Gateway.Accounts;
using Gateway.Accounts.Invalidation;

namespace Gateway.Tests.Accounts.Invalidation;

public sealed class CacheInvalidationTests
{
    [Fact]
    public void WireForm_RoundTripsEveryKind()
    {
        CacheInvalidation[] all =
        [
            CacheInvalidation.Key(IdGenerator.NewKeyId()),
            CacheInvalidation.Account(IdGenerator.NewAccountId()),
            CacheInvalidation.Roles,
            CacheInvalidation.All,
        ];

        foreach (var invalidation in all)
        {
            Assert.True(CacheInvalidation.TryParse(invalidation.ToString(), out var parsed));
            Assert.Equal(invalidation, parsed);
        }
    }

    [Fact]
    public void WireForm_IsCompact()
    {
        Assert.Equal("k:ak_0123456789abcDEF", CacheInvalidation.Key("ak_0123456789abcDEF").ToString());
        Assert.Equal("a:sa_0123456789abcDEF", CacheInvalidation.Account("sa_0123456789abcDEF").ToString());
        Assert.Equal("r", CacheInvalidation.Roles.ToString());
        Assert.Equal("*", CacheInvalidation.All.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("k:")]
    [InlineData("k:sa_0123456789abcDEF")]
    [InlineData("a:ak_0123456789abcDEF")]
    [InlineData("k:ak_0123456789abcDE")]
    [InlineData("x:ak_0123456789abcDEF")]
    [InlineData("**")]
    public void TryParse_AnythingElse_IsRejected(string? message)
    {
        Assert.False(CacheInvalidation.TryParse(message, out _));
    }
}
