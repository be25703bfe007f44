using Gateway.Client.Admin;
using Microsoft.AspNetCore.Http;

namespace Gateway.AdminConsole.Pages.Accounts;

/// <summary>The service-account list: filters by org, project and status, a page at a time.</summary>
public sealed class AccountsModel : ConsolePageModel
{
    /// <summary>Accounts per page.</summary>
    public const int PageSize = 25;

    /// <summary>The org filter.</summary>
    public string? Org { get; private set; }

    /// <summary>The project filter.</summary>
    public string? Project { get; private set; }

    /// <summary>The status filter.</summary>
    public string? Status { get; private set; }

    /// <summary>The cursor of this page; <c>null</c> on the first.</summary>
    public string? Cursor { get; private set; }

    /// <summary>The cursor of the next page; <c>null</c> on the last.</summary>
    public string? NextCursor { get; private set; }

    /// <summary>Whether a filter is set.</summary>
    public bool Filtered => Org is not null || Project is not null || Status is not null;

    /// <summary>
    /// Whether to show the overview of what service accounts are: on the unfiltered first page while there is no
    /// account but the signed-in one and runners (a fresh gateway has only its bootstrap admin).
    /// </summary>
    public bool ShowOverview => !Filtered && Cursor is null && NextCursor is null
        && Rows.All(r => r.HoldsKey || r.Account.Name.StartsWith("runner-", StringComparison.Ordinal));

    /// <summary>The accounts of this page.</summary>
    public IReadOnlyList<AccountRow> Rows { get; private set; } = [];

    /// <summary>Reads one page and each account's keys.</summary>
    public async Task OnGetAsync(string? org, string? project, string? status, string? cursor)
    {
        Org = ConsoleFormat.Optional(org);
        Project = ConsoleFormat.Optional(project);
        Status = status is "active" or "disabled" ? status : null;
        Cursor = ConsoleFormat.Optional(cursor);
        var page = await Api.ListServiceAccountsAsync(new ServiceAccountQuery
        {
            OrgId = Org, ProjectId = Project, Status = Status, Cursor = Cursor, Limit = PageSize,
        }, HttpContext.RequestAborted);
        NextCursor = page.NextCursor;
        var rows = new List<AccountRow>(page.Items.Count);
        foreach (var account in page.Items)
        {
            rows.Add(AccountRow.Of(account, await Api.ListKeysAsync(account.Id, HttpContext.RequestAborted), ConsoleSession!.KeyId));
        }

        Rows = rows;
    }

    /// <summary>The link to the page at <paramref name="cursor"/> with the same filters.</summary>
    public string PageLink(string? cursor) => "/console/accounts" + QueryString.Create(new Dictionary<string, string?>
    {
        ["org"] = Org, ["project"] = Project, ["status"] = Status, ["cursor"] = cursor,
    }.Where(p => p.Value is not null));
}
