namespace Gateway.Client.Admin;

/// <summary>Body of <c>GET /v1/service-accounts/{id}/keys</c>.</summary>
/// <param name="Items">The keys, oldest first.</param>
internal sealed record KeyListBody(IReadOnlyList<ApiKeyInfo> Items);
