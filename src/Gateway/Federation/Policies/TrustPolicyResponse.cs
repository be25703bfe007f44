namespace Gateway.Federation.Policies;

/// <summary>A trust policy as the admin API shows it.</summary>
/// <param name="Id">The policy id (<c>tp_…</c>).</param>
/// <param name="AccountId">The service account.</param>
/// <param name="Issuer">The issuer.</param>
/// <param name="Audience">The required audience.</param>
/// <param name="Conditions">Claim conditions.</param>
/// <param name="AllowedCidrs">CIDR blocks; empty means any.</param>
/// <param name="MaxTokenLifetime">Seconds, or <c>null</c> for the gateway default.</param>
/// <param name="Description">Free text.</param>
/// <param name="CreatedAt">Creation time.</param>
public sealed record TrustPolicyResponse(
    string Id,
    string AccountId,
    string Issuer,
    string Audience,
    IReadOnlyDictionary<string, string> Conditions,
    IReadOnlyList<string> AllowedCidrs,
    int? MaxTokenLifetime,
    string? Description,
    DateTimeOffset CreatedAt)
{
    /// <summary>The response for <paramref name="policy"/>.</summary>
    public static TrustPolicyResponse From(TrustPolicy policy) => new(
        policy.Id, policy.AccountId, policy.Issuer, policy.Audience, policy.Conditions, policy.AllowedCidrs,
        policy.MaxTokenLifetime is { } max ? (int)max.TotalSeconds : null, policy.Description, policy.CreatedAt);
}
