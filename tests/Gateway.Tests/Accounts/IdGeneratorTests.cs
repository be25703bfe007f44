using Gateway.Accounts;
using Gateway.Accounts.Tokens;

namespace Gateway.Tests.Accounts;

public sealed class IdGeneratorTests
{
    [Fact]
    public void NewAccountId_HasAccountPrefixAnd16Base62Characters()
    {
        var id = IdGenerator.NewAccountId();

        Assert.StartsWith("sa_", id, StringComparison.Ordinal);
        Assert.Equal(19, id.Length);
        Assert.True(Base62.IsBase62(id.AsSpan(3)));
        Assert.True(IdGenerator.IsValid(id, IdGenerator.AccountPrefix));
    }

    [Fact]
    public void NewKeyId_HasKeyPrefixAnd16Base62Characters()
    {
        var id = IdGenerator.NewKeyId();

        Assert.StartsWith("ak_", id, StringComparison.Ordinal);
        Assert.Equal(19, id.Length);
        Assert.True(IdGenerator.IsValid(id, IdGenerator.KeyPrefix));
    }

    [Fact]
    public void NewIds_AreUnique()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => IdGenerator.NewKeyId()).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(1000, ids.Count);
    }

    [Fact]
    public void IsValid_AccountIdWithKeyPrefix_ReturnsFalse()
    {
        Assert.False(IdGenerator.IsValid(IdGenerator.NewAccountId(), IdGenerator.KeyPrefix));
        Assert.False(IdGenerator.IsValid(IdGenerator.NewKeyId(), IdGenerator.AccountPrefix));
    }

    [Theory]
    [InlineData("sa_0123456789abcDEF", true)]
    [InlineData("sa_0123456789abcDE", false)]
    [InlineData("sa_0123456789abcDEFG", false)]
    [InlineData("SA_0123456789abcDEF", false)]
    [InlineData("sa-0123456789abcDEF", false)]
    [InlineData("sa_0123456789abc_EF", false)]
    [InlineData("sa_0123456789abc\u00e9EF", false)]
    [InlineData("", false)]
    [InlineData("sa_", false)]
    public void IsValid_AccountIds(string id, bool expected)
    {
        Assert.Equal(expected, IdGenerator.IsValid(id, IdGenerator.AccountPrefix));
    }
}
