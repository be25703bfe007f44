using Gateway.Client;
using Gateway.Client.Admin;
using Microsoft.AspNetCore.Mvc;

namespace Gateway.AdminConsole.Pages.Accounts;

/// <summary>Creates a service account; the admin API validates, and its messages appear next to the fields.</summary>
public sealed class CreateAccountModel : ConsolePageModel
{
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["name"] = nameof(Name), ["description"] = nameof(Description), ["orgId"] = nameof(OrgId),
        ["projectId"] = nameof(ProjectId), ["roles"] = nameof(Roles), ["allowedCidrs"] = nameof(AllowedCidrs),
    };

    /// <summary>The account name.</summary>
    [BindProperty]
    public string? Name { get; set; }

    /// <summary>Optional description.</summary>
    [BindProperty]
    public string? Description { get; set; }

    /// <summary>The org.</summary>
    [BindProperty]
    public string? OrgId { get; set; }

    /// <summary>Optional project.</summary>
    [BindProperty]
    public string? ProjectId { get; set; }

    /// <summary>Chosen role names.</summary>
    [BindProperty]
    public List<string> Roles { get; set; } = [];

    /// <summary>CIDR blocks as typed.</summary>
    [BindProperty]
    public string? AllowedCidrs { get; set; }

    /// <summary>Every role, to choose from.</summary>
    public IReadOnlyList<GatewayRole> AvailableRoles { get; private set; } = [];

    /// <summary>Shows the empty form.</summary>
    public async Task OnGetAsync(string? org)
    {
        OrgId = org;
        AvailableRoles = await Api.ListRolesAsync(HttpContext.RequestAborted);
    }

    /// <summary>Creates the account and opens it.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        try
        {
            var created = await Api.CreateServiceAccountAsync(new NewServiceAccount
            {
                Name = Name?.Trim() ?? "",
                OrgId = OrgId?.Trim() ?? "",
                ProjectId = ConsoleFormat.Optional(ProjectId),
                Description = ConsoleFormat.Optional(Description),
                Roles = Roles,
                AllowedCidrs = ConsoleFormat.Items(AllowedCidrs),
            }, HttpContext.RequestAborted);
            return RedirectWithFlash("/accounts/" + created.Id, $"Service account {created.Name} created. Next: create a key for it.");
        }
        catch (GatewayApiException problem) when (IsInputProblem(problem))
        {
            ModelState.Clear();
            if (problem.Code == "conflict" && problem.Errors.Count == 0)
            {
                ModelState.AddModelError(nameof(Name), problem.Detail);
            }
            else
            {
                AddFieldErrors(problem, Fields);
            }

            AvailableRoles = await Api.ListRolesAsync(HttpContext.RequestAborted);
            return Page();
        }
    }
}
