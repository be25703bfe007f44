using Gateway.Accounts;

namespace Gateway.Admin.Contracts;

/// <summary>A service account as the admin API shows it.</summary>
public sealed record ServiceAccountResponse(
    string Id,
    string Name,
    string? Description,
    string OrgId,
    string? ProjectId,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> AllowedCidrs,
    AccountStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The response for <paramref name="account"/>.</summary>
    public static ServiceAccountResponse From(ServiceAccount account) => new(
        account.Id, account.Name, account.Description, account.OrgId, account.ProjectId, account.Roles,
        account.AllowedCidrs, account.Status, account.CreatedAt, account.UpdatedAt);
}
