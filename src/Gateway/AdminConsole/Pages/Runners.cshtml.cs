using System.Text.Json;
using Gateway.Client;
using Gateway.Client.Admin;
using Microsoft.AspNetCore.Mvc;

namespace Gateway.AdminConsole.Pages;

/// <summary>
/// Runner accounts (<c>runner-*</c>) and their credentials: issuing (or regenerating) answers with the credentials
/// document as a one-time download (<c>no-store</c>, like every console answer).
/// </summary>
public sealed class RunnersModel : ConsolePageModel
{
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["runnerId"] = nameof(RunnerId), ["orgId"] = nameof(OrgId), ["projectId"] = nameof(ProjectId), ["kind"] = "",
    };

    /// <summary>The runner to issue credentials for.</summary>
    [BindProperty]
    public string? RunnerId { get; set; }

    /// <summary>Its org.</summary>
    [BindProperty]
    public string? OrgId { get; set; }

    /// <summary>Its project, when provisioned with one.</summary>
    [BindProperty]
    public string? ProjectId { get; set; }

    /// <summary>The kind of the new key: <c>hmac</c> (default) or <c>bearer</c>.</summary>
    [BindProperty]
    public string? Kind { get; set; }

    /// <summary>The runner accounts.</summary>
    public IReadOnlyList<AccountRow> Runners { get; private set; } = [];

    /// <summary>Lists the runner accounts.</summary>
    public Task OnGetAsync() => LoadAsync();

    /// <summary>Issues credentials and downloads the document.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        var runnerId = RunnerId?.Trim() ?? "";
        if (runnerId.Length == 0)
        {
            ModelState.AddModelError(nameof(RunnerId), "The runner's id, e.g. build-07.");
            await LoadAsync();
            return Page();
        }

        try
        {
            var document = await Api.IssueRunnerCredentialsAsync(runnerId, new RunnerCredentialsRequest
            {
                OrgId = ConsoleFormat.Optional(OrgId),
                ProjectId = ConsoleFormat.Optional(ProjectId),
                Kind = Kind == KeyKinds.Bearer ? KeyKinds.Bearer : KeyKinds.Hmac,
            }, HttpContext.RequestAborted);
            var bytes = JsonSerializer.SerializeToUtf8Bytes(document, ClientJson.Options);
            return File(bytes, "application/json", $"runner-{document.RunnerId}.json");
        }
        catch (GatewayApiException problem) when (IsInputProblem(problem))
        {
            ModelState.Clear();
            AddFieldErrors(problem, Fields);
            await LoadAsync();
            return Page();
        }
    }

    private async Task LoadAsync()
    {
        var rows = new List<AccountRow>();
        await foreach (var account in Api.ListAllServiceAccountsAsync(new ServiceAccountQuery { Limit = 200 }, HttpContext.RequestAborted))
        {
            if (account.Name.StartsWith("runner-", StringComparison.Ordinal) && account.Name.Length > "runner-".Length)
            {
                rows.Add(AccountRow.Of(account, await Api.ListKeysAsync(account.Id, HttpContext.RequestAborted)));
            }
        }

        Runners = rows;
    }
}
