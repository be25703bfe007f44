using Gateway.Accounts.Roles;
using Gateway.Accounts.Sqlite;

namespace Gateway.Tests.TestSupport;

/// <summary>A role registry holding the built-in roles only; its store is never touched unless a role is put.</summary>
public static class TestRoles
{
    public static RoleRegistry BuiltInOnly() =>
        new(new SqliteAccountStore(Path.Combine(Path.GetTempPath(), "gateway-unit-tests", "roles-unused.db")));
}
