namespace Gateway.Accounts;

/// <summary>A validated request to create a service account.</summary>
/// <param name="Name">Unique within the org.</param>
/// <param name="Description">Free text or <c>null</c>.</param>
/// <param name="OrgId">The owning org.</param>
/// <param name="ProjectId">The project, or <c>null</c> for an org-wide account.</param>
/// <param name="Roles">Existing role names.</param>
/// <param name="AllowedCidrs">Normalised CIDR blocks.</param>
/// <param name="RateLimit">The account's rate limit; <c>null</c> for none.</param>
/// <param name="Quota">The account's quota; <c>null</c> for none.</param>
public sealed record NewAccount(string Name, string? Description, string OrgId, string? ProjectId,
    IReadOnlyList<string> Roles, IReadOnlyList<string> AllowedCidrs, RateLimit? RateLimit = null, Quota? Quota = null);
