namespace Gateway.Admin.Contracts;

/// <summary>Body of <c>GET /v1/roles</c>: built-in roles first, then custom ones by name.</summary>
/// <param name="Items">The roles.</param>
public sealed record RoleList(IReadOnlyList<RoleResponse> Items);
