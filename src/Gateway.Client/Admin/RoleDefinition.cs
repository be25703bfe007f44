namespace Gateway.Client.Admin;

/// <summary>Body of <c>PUT /v1/roles/{name}</c>: a custom role's description and scopes.</summary>
/// <param name="Description">Optional free text, up to 1024 characters.</param>
/// <param name="Scopes">1-64 scope patterns.</param>
public sealed record RoleDefinition(string? Description, IReadOnlyList<string> Scopes);
