using Gateway.Authorization;

namespace Gateway.Tests.Authorization;

public sealed class BuiltInRoleResolverTests
{
    private readonly BuiltInRoleResolver _resolver = new();

    [Theory]
    [InlineData("reader")]
    [InlineData("executor")]
    [InlineData("editor")]
    [InlineData("admin")]
    public void Exists_BuiltInRole_ReturnsTrue(string role)
    {
        Assert.True(_resolver.Exists(role));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Admin")]
    [InlineData("root")]
    [InlineData("admin ")]
    public void Exists_OtherName_ReturnsFalse(string role)
    {
        Assert.False(_resolver.Exists(role));
    }

    [Theory]
    [InlineData("reader", new[] { "*:read" })]
    [InlineData("executor", new[] { "*:read", "*:execute" })]
    [InlineData("editor", new[] { "*:read", "*:execute", "*:write" })]
    [InlineData("admin", new[] { "*" })]
    public void ScopesOf_SingleRole_IsItsScopeSet(string role, string[] expected)
    {
        Assert.Equal(expected, _resolver.ScopesOf([role]));
    }

    [Fact]
    public void ScopesOf_SeveralRoles_IsUnionWithoutDuplicatesInFirstSeenOrder()
    {
        var scopes = _resolver.ScopesOf(["reader", "editor", "executor", "admin"]);

        Assert.Equal(["*:read", "*:execute", "*:write", "*"], scopes);
    }

    [Fact]
    public void ScopesOf_SameRoleTwice_IsNotDuplicated()
    {
        Assert.Equal(["*:read"], _resolver.ScopesOf(["reader", "reader"]));
    }

    [Fact]
    public void ScopesOf_UnknownRoles_AreIgnored()
    {
        Assert.Equal(["*:read", "*:execute"], _resolver.ScopesOf(["ghost", "executor", "Admin"]));
    }

    [Fact]
    public void ScopesOf_NoRolesOrOnlyUnknown_IsEmpty()
    {
        Assert.Empty(_resolver.ScopesOf([]));
        Assert.Empty(_resolver.ScopesOf(["ghost"]));
    }
}
