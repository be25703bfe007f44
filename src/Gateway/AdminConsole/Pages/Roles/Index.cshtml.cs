using Gateway.Client;
using Gateway.Client.Admin;
using Microsoft.AspNetCore.Mvc;

namespace Gateway.AdminConsole.Pages.Roles;

/// <summary>Built-in and custom roles with their scopes; a form creates or replaces a custom role.</summary>
public sealed class RolesModel : ConsolePageModel
{
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["name"] = nameof(Name), ["description"] = nameof(Description), ["scopes"] = nameof(Scopes),
    };

    /// <summary>The role name.</summary>
    [BindProperty]
    public string? Name { get; set; }

    /// <summary>Its description.</summary>
    [BindProperty]
    public string? Description { get; set; }

    /// <summary>Its scopes as typed.</summary>
    [BindProperty]
    public string? Scopes { get; set; }

    /// <summary>Whether an existing role is edited (its name is fixed).</summary>
    [BindProperty]
    public bool Editing { get; set; }

    /// <summary>Every role.</summary>
    public IReadOnlyList<GatewayRole> Roles { get; private set; } = [];

    /// <summary>Lists the roles; <paramref name="edit"/> fills the form with that custom role.</summary>
    public async Task OnGetAsync(string? edit)
    {
        Roles = await Api.ListRolesAsync(HttpContext.RequestAborted);
        if (Roles.FirstOrDefault(r => r.Name == edit && !r.BuiltIn) is { } role)
        {
            Editing = true;
            Name = role.Name;
            Description = role.Description;
            Scopes = string.Join("\n", role.Scopes);
        }
    }

    /// <summary>Creates or replaces the role.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        var name = Name?.Trim() ?? "";
        try
        {
            if (name.Length == 0)
            {
                ModelState.AddModelError(nameof(Name), "A name, e.g. deployer.");
            }
            else
            {
                var role = await Api.PutRoleAsync(name, new RoleDefinition(ConsoleFormat.Optional(Description), ConsoleFormat.Items(Scopes)), HttpContext.RequestAborted);
                return RedirectWithFlash("/roles", $"Role {role.Name} saved: {string.Join(" ", role.Scopes)}.");
            }
        }
        catch (GatewayApiException problem) when (IsInputProblem(problem))
        {
            ModelState.Clear();
            if (problem.Errors.Count == 0)
            {
                ModelState.AddModelError(nameof(Name), problem.Detail);
            }
            else
            {
                AddFieldErrors(problem, Fields);
            }
        }

        Roles = await Api.ListRolesAsync(HttpContext.RequestAborted);
        return Page();
    }
}
