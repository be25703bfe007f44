using System.Globalization;
using Gateway.Client;
using Gateway.Client.Admin;
using Microsoft.AspNetCore.Http;

namespace Gateway.AdminConsole.Pages;

/// <summary>
/// The audit log, global or of one account, filtered by action and time. Each principal's current state is looked
/// up, so events of a disabled or deleted account stay and show it as inactive or deleted.
/// </summary>
public sealed class AuditModel : ConsolePageModel
{
    /// <summary>Events per page.</summary>
    public const int PageSize = 50;

    /// <summary>The actions the gateway records.</summary>
    public static readonly IReadOnlyList<string> Actions =
    [
        "proxy.request", "service_account.create", "service_account.update", "service_account.delete",
        "key.create", "key.revoke", "key.renew", "role.put", "runner.credentials",
        "key.revoked", "key.leaked",
    ];

    private readonly Dictionary<string, string?> _states = new(StringComparer.Ordinal);

    /// <summary>The account filter.</summary>
    public string? PrincipalId { get; private set; }

    /// <summary>The action filter.</summary>
    public string? Action { get; private set; }

    /// <summary>The time filter as the input shows it (<c>yyyy-MM-ddTHH:mm</c>, UTC).</summary>
    public string? Since { get; private set; }

    /// <summary>This page's cursor.</summary>
    public string? Cursor { get; private set; }

    /// <summary>The next (older) page's cursor.</summary>
    public string? NextCursor { get; private set; }

    /// <summary>The name of the filtered account, when one is.</summary>
    public string? Subject { get; private set; }

    /// <summary>The events, newest first.</summary>
    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    /// <summary>Reads one page of events.</summary>
    public async Task OnGetAsync(string? principalId, string? action, string? since, string? cursor)
    {
        PrincipalId = ConsoleFormat.Optional(principalId);
        Action = ConsoleFormat.Optional(action);
        Since = ConsoleFormat.Optional(since);
        Cursor = ConsoleFormat.Optional(cursor);
        DateTimeOffset? sinceTime = null;
        if (Since is not null)
        {
            if (DateTime.TryParse(Since, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
            {
                sinceTime = new DateTimeOffset(parsed, TimeSpan.Zero);
            }
            else
            {
                ModelState.AddModelError("since", "A date and time, e.g. 2026-11-30T08:00.");
                return;
            }
        }

        try
        {
            var page = await Api.QueryAuditAsync(new AuditQuery
            {
                PrincipalId = PrincipalId, Action = Action, Since = sinceTime, Cursor = Cursor, Limit = PageSize,
            }, HttpContext.RequestAborted);
            Entries = page.Items;
            NextCursor = page.NextCursor;
        }
        catch (GatewayApiException problem) when (problem.Status == StatusCodes.Status400BadRequest)
        {
            foreach (var (field, messages) in problem.Errors)
            {
                ModelState.AddModelError(field, string.Join(" ", messages));
            }

            return;
        }

        foreach (var id in Entries.Select(e => e.PrincipalId).Append(PrincipalId).OfType<string>().Distinct())
        {
            _states[id] = await StateOfAsync(id);
        }

        if (PrincipalId is not null)
        {
            Subject = Entries.FirstOrDefault(e => e.PrincipalId == PrincipalId)?.PrincipalName ?? PrincipalId;
        }
    }

    /// <summary><c>inactive</c> (disabled), <c>deleted</c>, or <c>null</c> for an active account.</summary>
    public string? PrincipalState(string? principalId) =>
        principalId is not null && _states.TryGetValue(principalId, out var state) ? state : null;

    /// <summary>The link to the page at <paramref name="cursor"/> with the same filters.</summary>
    public string PageLink(string? cursor) => "/console/audit" + QueryString.Create(new Dictionary<string, string?>
    {
        ["principalId"] = PrincipalId, ["action"] = Action, ["since"] = Since, ["cursor"] = cursor,
    }.Where(p => p.Value is not null));

    private async Task<string?> StateOfAsync(string principalId)
    {
        try
        {
            var account = await Api.GetServiceAccountAsync(principalId, HttpContext.RequestAborted);
            return account.Status == "disabled" ? "inactive" : null;
        }
        catch (GatewayApiException problem) when (problem.Status == StatusCodes.Status404NotFound)
        {
            return "deleted";
        }
        catch (GatewayApiException problem) when (problem.Status == StatusCodes.Status403Forbidden)
        {
            return null; // an auditor without gateway.accounts:read still sees the events
        }
    }
}
