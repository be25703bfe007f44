namespace Gateway.Accounts.Roles;

/// <summary>A named set of scope patterns granted to every account that has the role.</summary>
public sealed record Role
{
    /// <summary>Role name: 1-64 of <c>[A-Za-z0-9._-]</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Free text for operators; <c>null</c> when not set.</summary>
    public string? Description { get; init; }

    /// <summary>Scope patterns (<c>resource:action</c>, <c>*</c> wildcards).</summary>
    public required IReadOnlyList<string> Scopes { get; init; }

    /// <summary><c>true</c> for <c>reader</c>, <c>executor</c>, <c>editor</c> and <c>admin</c>, which cannot be changed.</summary>
    public bool BuiltIn { get; init; }

    /// <summary>When the role was defined; the epoch for built-in roles.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the role was last changed; the epoch for built-in roles.</summary>
    public DateTimeOffset UpdatedAt { get; init; }
}
