using Microsoft.AspNetCore.Mvc;

namespace Gateway.AdminConsole.Pages;

/// <summary><c>/console</c>: goes to the service accounts (or to sign-in without a session).</summary>
public sealed class IndexModel : ConsolePageModel
{
    /// <summary>Redirects.</summary>
    public IActionResult OnGet() => Redirect(ConsoleEndpoints.BasePath + "/accounts");
}
