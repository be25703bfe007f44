namespace Gateway.Accounts;

/// <summary>Thrown by a store when an account name is already taken within its org.</summary>
public sealed class DuplicateNameException(string orgId, string name)
    : Exception($"An account named '{name}' already exists in org '{orgId}'.")
{
    /// <summary>The org in which the name is taken.</summary>
    public string OrgId { get; } = orgId;

    /// <summary>The name that is taken.</summary>
    public string Name { get; } = name;
}
