namespace Gateway.Accounts;

/// <summary>
/// The paging and filter rules every <see cref="IAccountStore"/> applies to <see cref="IAccountStore.ListAccountsAsync"/>,
/// in one place: accounts ordered by creation time (Unix milliseconds) then id (ordinal), a page size clamped to
/// 1..<see cref="AccountDefaults.MaxPageSize"/>, the filters by org, project and status, and a next cursor only when
/// a further item exists (a store reads one item more than the page to know). A store that filters in its query
/// language (SQLite) applies the same rules there; one that filters in memory (Redis) calls <see cref="Matches"/>.
/// </summary>
public static class AccountListing
{
    /// <summary>The page size for <paramref name="query"/>, clamped to 1..<see cref="AccountDefaults.MaxPageSize"/>.</summary>
    public static int PageSize(AccountQuery query) => Math.Clamp(query.Limit, 1, AccountDefaults.MaxPageSize);

    /// <summary>Whether the item at (<paramref name="createdAtMs"/>, <paramref name="id"/>) comes after <paramref name="after"/>.</summary>
    public static bool IsAfter(long createdAtMs, string id, AccountCursor? after) =>
        after is null || createdAtMs > after.CreatedAtMs
        || (createdAtMs == after.CreatedAtMs && string.CompareOrdinal(id, after.Id) > 0);

    /// <summary>Whether <paramref name="account"/> passes the filters of <paramref name="query"/> (org, project, status).</summary>
    public static bool Matches(ServiceAccount account, AccountQuery query) =>
        (query.OrgId is null || account.OrgId == query.OrgId)
        && (query.ProjectId is null || account.ProjectId == query.ProjectId)
        && (query.Status is null || account.Status == query.Status);

    /// <summary>
    /// The page for <paramref name="items"/>, read in listing order and holding up to <paramref name="pageSize"/> + 1
    /// items: the extra one is dropped and makes the cursor of the last item kept the next cursor.
    /// </summary>
    public static AccountPage ToPage(List<ServiceAccount> items, int pageSize)
    {
        if (items.Count <= pageSize)
        {
            return new AccountPage(items, null);
        }

        items.RemoveRange(pageSize, items.Count - pageSize);
        var last = items[^1];
        return new AccountPage(items, new AccountCursor(last.CreatedAt.ToUnixTimeMilliseconds(), last.Id));
    }
}
