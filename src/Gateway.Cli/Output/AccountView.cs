using Gateway.Client.Admin;

namespace Gateway.Cli.Output;

/// <summary>Service accounts as tables.</summary>
public static class AccountView
{
    /// <summary>Column headers of <see cref="List"/>.</summary>
    public static readonly string[] Headers = ["ID", "NAME", "ORG", "PROJECT", "ROLES", "STATUS", "CREATED"];

    /// <summary>One account, field by field.</summary>
    public static string Single(ServiceAccount account) => TextTable.Fields(new (string, string)[]
    {
        ("ID", account.Id),
        ("Name", account.Name),
        ("Description", Display.Text(account.Description)),
        ("Org", account.OrgId),
        ("Project", Display.Text(account.ProjectId)),
        ("Roles", Display.List(account.Roles)),
        ("Allowed CIDRs", Display.List(account.AllowedCidrs)),
        ("Status", account.Status),
        ("Rate limit", account.RateLimit?.ToString() ?? ""),
        ("Quota", account.Quota?.ToString() ?? ""),
        ("Created", Display.Time(account.CreatedAt)),
        ("Updated", Display.Time(account.UpdatedAt)),
    }.Where(f => f.Item2.Length > 0).ToArray());

    /// <summary>Accounts, one per row.</summary>
    public static string List(IEnumerable<ServiceAccount> accounts) => TextTable.Render(Headers, accounts.Select(a => (IReadOnlyList<string>)
    [
        a.Id, a.Name, a.OrgId, Display.Text(a.ProjectId), Display.List(a.Roles), a.Status, Display.Time(a.CreatedAt),
    ]));
}
