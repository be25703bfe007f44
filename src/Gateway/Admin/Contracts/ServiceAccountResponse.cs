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
    /// <summary>The account's rate limit; omitted when none is set.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public RateLimit? RateLimit { get; init; }

    /// <summary>The account's quota; omitted when none is set.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public Quota? Quota { get; init; }

    /// <summary>The response for <paramref name="account"/>.</summary>
    public static ServiceAccountResponse From(ServiceAccount account) => new(
        account.Id, account.Name, account.Description, account.OrgId, account.ProjectId, account.Roles,
        account.AllowedCidrs, account.Status, account.CreatedAt, account.UpdatedAt)
    {
        RateLimit = account.RateLimit,
        Quota = account.Quota,
    };
}
