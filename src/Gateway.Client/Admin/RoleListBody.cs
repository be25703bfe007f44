namespace Gateway.Client.Admin;

/// <summary>Body of <c>GET /v1/roles</c>.</summary>
/// <param name="Items">Built-in roles first, then custom ones by name.</param>
internal sealed record RoleListBody(IReadOnlyList<GatewayRole> Items);
