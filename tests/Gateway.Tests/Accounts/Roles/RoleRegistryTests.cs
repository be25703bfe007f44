using Gateway.Accounts.Roles;
using Gateway.Accounts.Sqlite;
using Gateway.Tests.TestSupport;

namespace Gateway.Tests.Accounts.Roles;

public sealed class RoleRegistryTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly SqliteAccountStore _store;
    private readonly RoleRegistry _resolver;

    public RoleRegistryTests()
    {
        _store = new SqliteAccountStore(_directory.Combine("gateway.db"));
        _store.InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
        _resolver = new RoleRegistry(_store);
    }

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task PutAsync_CustomRole_IsEffectiveAtOnce_AndSurvivesReload()
    {
        var created = await _resolver.PutAsync(new Role { Name = "deployer", Scopes = ["deploy:execute", "builds:read"] }, CancellationToken.None);

        Assert.True(created);
        Assert.True(_resolver.Exists("deployer"));
        Assert.Equal(["deploy:execute", "builds:read", "*:read"], _resolver.ScopesOf(["deployer", "reader"]));

        var fresh = new RoleRegistry(_store);
        Assert.False(fresh.Exists("deployer"));
        await fresh.LoadAsync(CancellationToken.None);
        Assert.True(fresh.Exists("deployer"));
    }

    [Fact]
    public async Task PutAsync_ExistingRole_ReplacesScopes_AndReportsNotCreated()
    {
        await _resolver.PutAsync(new Role { Name = "ops", Scopes = ["a:read"] }, CancellationToken.None);
        var created = await _resolver.PutAsync(new Role { Name = "ops", Scopes = ["b:write"], Description = "changed" }, CancellationToken.None);

        Assert.False(created);
        Assert.Equal(["b:write"], _resolver.ScopesOf(["ops"]));
        Assert.Equal("changed", _resolver.All.Single(r => r.Name == "ops").Description);
    }

    [Fact]
    public void All_ListsBuiltInRolesFirst_MarkedBuiltIn()
    {
        Assert.Equal(["admin", "editor", "executor", "reader"], _resolver.All.Where(r => r.BuiltIn).Select(r => r.Name).ToArray());
    }

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

    [Fact]
    public void ScopesOf_IsANewArrayTheCallerOwns()
    {
        var first = _resolver.ScopesOf(["executor"]);
        first[0] = "changed:by-caller";

        var second = _resolver.ScopesOf(["executor"]);

        Assert.NotSame(first, second);
        Assert.Equal(["*:read", "*:execute"], second);
    }
}
