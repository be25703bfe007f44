namespace Gateway.Accounts.Roles;

/// <summary>The roles every gateway has (docs/CONFIGURATION.md, roles and scopes), by name, with their scope patterns.</summary>
public static class BuiltInRoles
{
    /// <summary>Read-only: <c>*:read</c>.</summary>
    public const string Reader = "reader";

    /// <summary>Read and execute: <c>*:read *:execute</c>.</summary>
    public const string Executor = "executor";

    /// <summary>Read, execute and write: <c>*:read *:execute *:write</c>.</summary>
    public const string Editor = "editor";

    /// <summary>Everything, gateway administration included: <c>*</c>.</summary>
    public const string Admin = "admin";

    /// <summary>Role name to scope patterns.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> All =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            [Reader] = ["*:read"],
            [Executor] = ["*:read", "*:execute"],
            [Editor] = ["*:read", "*:execute", "*:write"],
            [Admin] = ["*"],
        };
}
