namespace Gateway.Accounts.Roles;

/// <summary>Turns role names into scope patterns.</summary>
public interface IRoleResolver
{
    /// <summary><c>true</c> when a role of that name exists.</summary>
    bool Exists(string role);

    /// <summary>The union of the scopes of <paramref name="roles"/>, de-duplicated, in first-seen order; unknown roles add nothing. A new array the caller owns.</summary>
    string[] ScopesOf(IReadOnlyList<string> roles);
}
