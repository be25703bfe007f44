namespace Gateway.Accounts.Roles;

/// <summary>
/// The <see cref="IRoleResolver"/> in force: the built-in roles plus the custom roles of the store, held as an
/// immutable snapshot that is swapped whole on load and on every change (reads never lock).
/// </summary>
public sealed class RoleRegistry(IAccountStore store) : IRoleResolver
{
    private volatile IReadOnlyDictionary<string, Role> _roles = BuiltIns();

    /// <summary>Every role, built-in first, then custom ones by name.</summary>
    public IReadOnlyList<Role> All => _roles.Values.OrderBy(r => !r.BuiltIn).ThenBy(r => r.Name, StringComparer.Ordinal).ToArray();

    /// <summary>Changes (is another object) whenever the roles in force change: lets callers cache what they derived.</summary>
    public object Version => _roles;

    /// <inheritdoc />
    public bool Exists(string role) => _roles.ContainsKey(role);

    /// <inheritdoc />
    /// <remarks>
    /// Called for every credential object's first authentication (every request of a key stream wider than the
    /// credential cache): one array of the exact size when no scope repeats, no list and no boxed enumerator.
    /// </remarks>
    public string[] ScopesOf(IReadOnlyList<string> roles)
    {
        var snapshot = _roles;
        var most = 0;
        for (var i = 0; i < roles.Count; i++)
        {
            most += snapshot.TryGetValue(roles[i], out var role) ? role.Scopes.Count : 0;
        }

        if (most == 0)
        {
            return [];
        }

        var scopes = new string[most];
        var count = 0;
        for (var i = 0; i < roles.Count; i++)
        {
            if (!snapshot.TryGetValue(roles[i], out var role))
            {
                continue;
            }

            for (var j = 0; j < role.Scopes.Count; j++)
            {
                var scope = role.Scopes[j];
                if (Array.IndexOf(scopes, scope, 0, count) < 0)
                {
                    scopes[count++] = scope;
                }
            }
        }

        return count == most ? scopes : scopes[..count];
    }

    /// <summary>Reloads the custom roles from the store.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var roles = BuiltIns();
        foreach (var role in await store.ListRolesAsync(cancellationToken))
        {
            if (!roles.ContainsKey(role.Name))
            {
                roles[role.Name] = role;
            }
        }

        _roles = roles;
    }

    /// <summary>Stores a custom role and makes it effective at once; <c>true</c> when it was created.</summary>
    public async Task<bool> PutAsync(Role role, CancellationToken cancellationToken)
    {
        var created = await store.PutRoleAsync(role, cancellationToken);
        await LoadAsync(cancellationToken);
        return created;
    }

    private static Dictionary<string, Role> BuiltIns() =>
        BuiltInRoles.All.ToDictionary(
            p => p.Key,
            p => new Role { Name = p.Key, Scopes = p.Value, BuiltIn = true, CreatedAt = DateTimeOffset.UnixEpoch, UpdatedAt = DateTimeOffset.UnixEpoch },
            StringComparer.Ordinal);
}
