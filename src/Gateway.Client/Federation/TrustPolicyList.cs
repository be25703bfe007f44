namespace Gateway.Client.Federation;

/// <summary>Body of <c>GET /v1/service-accounts/{id}/trust-policies</c>.</summary>
/// <param name="Items">The policies, oldest first.</param>
public sealed record TrustPolicyList(IReadOnlyList<TrustPolicy> Items);
