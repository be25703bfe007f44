namespace Gateway.Admin.Contracts;

/// <summary>Body of <c>GET /v1/service-accounts/{id}/keys</c>.</summary>
/// <param name="Items">The account's keys, oldest first, revoked ones included.</param>
public sealed record KeyList(IReadOnlyList<KeyResponse> Items);
