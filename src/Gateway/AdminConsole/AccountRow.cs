using Gateway.Client.Admin;

namespace Gateway.AdminConsole;

/// <summary>A line of the service-account list: the account and a summary of its keys.</summary>
/// <param name="Account">The account.</param>
/// <param name="ActiveKeys">Keys that work now.</param>
/// <param name="TotalKeys">Every key, revoked and expired included.</param>
/// <param name="LastUsedAt">The latest use of any of its keys.</param>
/// <param name="HoldsKey">Whether one of its keys is <c>keyId</c> given to <see cref="Of"/> (the signed-in key).</param>
public sealed record AccountRow(ServiceAccount Account, int ActiveKeys, int TotalKeys, DateTimeOffset? LastUsedAt, bool HoldsKey = false)
{
    /// <summary>Summarizes <paramref name="keys"/> of <paramref name="account"/>.</summary>
    public static AccountRow Of(ServiceAccount account, IReadOnlyList<ApiKeyInfo> keys, string? keyId = null) =>
        new(account, keys.Count(k => k.Status == "active"), keys.Count, keys.Max(k => k.LastUsedAt),
            keyId is not null && keys.Any(k => k.Id == keyId));
}
