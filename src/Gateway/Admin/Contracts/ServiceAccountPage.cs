namespace Gateway.Admin.Contracts;

/// <summary>One page of <c>GET /v1/service-accounts</c>; pass <see cref="NextCursor"/> as <c>cursor</c> for the next.</summary>
/// <param name="Items">The accounts.</param>
/// <param name="NextCursor"><c>null</c> on the last page.</param>
public sealed record ServiceAccountPage(IReadOnlyList<ServiceAccountResponse> Items, string? NextCursor);
