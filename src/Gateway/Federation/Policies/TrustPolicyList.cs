namespace Gateway.Federation.Policies;

/// <summary>Body of <c>GET /v1/service-accounts/{id}/trust-policies</c>.</summary>
/// <param name="Items">The account's policies, oldest first.</param>
public sealed record TrustPolicyList(IReadOnlyList<TrustPolicyResponse> Items);
