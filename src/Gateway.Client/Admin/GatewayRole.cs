namespace Gateway.Client.Admin;

/// <summary>A role as <c>GET /v1/roles</c> shows it: built-in or custom, with its scope patterns.</summary>
public sealed record GatewayRole
{
    /// <summary>The role name, e.g. <c>executor</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Free text; <c>null</c> when not set.</summary>
    public string? Description { get; init; }

    /// <summary>Scope patterns such as <c>deploy:execute</c> or <c>*</c>.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>Whether the gateway defines the role (built-in roles cannot be changed).</summary>
    public bool BuiltIn { get; init; }
}
