namespace Gateway.Authorization;

/// <summary>An <see cref="IRoleResolver"/> that knows the built-in roles only.</summary>
public sealed class BuiltInRoleResolver : IRoleResolver
{
    /// <inheritdoc />
    public bool Exists(string role) => BuiltInRoles.All.ContainsKey(role);

    /// <inheritdoc />
    public IReadOnlyList<string> ScopesOf(IReadOnlyList<string> roles)
    {
        var scopes = new List<string>();
        foreach (var role in roles)
        {
            if (BuiltInRoles.All.TryGetValue(role, out var granted))
            {
                foreach (var scope in granted)
                {
                    if (!scopes.Contains(scope))
                    {
                        scopes.Add(scope);
                    }
                }
            }
        }

        return scopes;
    }
}
