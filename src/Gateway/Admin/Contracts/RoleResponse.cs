using Gateway.Accounts.Roles;

namespace Gateway.Admin.Contracts;

/// <summary>A role as the admin API shows it.</summary>
public sealed record RoleResponse(string Name, string? Description, IReadOnlyList<string> Scopes, bool BuiltIn)
{
    /// <summary>The response for <paramref name="role"/>.</summary>
    public static RoleResponse From(Role role) => new(role.Name, role.Description, role.Scopes, role.BuiltIn);
}
